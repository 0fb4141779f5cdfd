namespace Credentials.Wallet.Tests;

/// <summary>
/// The test assembly's entry point. <c>dotnet test</c> never calls it; <see cref="Storage.CrashTests"/> starts this
/// assembly as a child process (<c>dotnet exec Credentials.Wallet.Tests.dll crash-import …</c>) and kills it mid-import.
/// </summary>
public static class Program
{
    /// <summary>Runs a helper mode, or does nothing.</summary>
    public static int Main(string[] args) => args.Length > 0 && args[0] == CrashHelper.Mode ? CrashHelper.Run(args) : 0;
}
