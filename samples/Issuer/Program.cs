using System.Threading.Tasks;

namespace Credentials.Samples.Issuer;

/// <summary>The <c>issuer</c> command.</summary>
public static class Program
{
    /// <summary>Runs the issuer with the process's console, clock and language.</summary>
    public static Task<int> Main(string[] args)
    {
        var host = CliHost.CreateSystem();
        return CliApp.InvokeAsync(IssuerApp.CreateRootCommand(host), args, host);
    }
}
