using System.Collections.Generic;
using System.CommandLine;
using System.Resources;
using System.Threading.Tasks;

namespace Credentials.Samples.Verifier;

/// <summary>The <c>verifier</c> app: checks SD-JWT VC presentations and shows what was disclosed.</summary>
public static class VerifierApp
{
    /// <summary>The help text of every command, option and argument (English, and Japanese in <c>ja</c>).</summary>
    public static ResourceManager HelpResources { get; } = new("Credentials.Samples.Verifier.Resources.VerifierHelp", typeof(VerifierApp).Assembly);

    /// <summary>Runs the app.</summary>
    public static Task<int> Main(string[] args)
    {
        var host = CliHost.CreateSystem();
        return RunAsync(args, host);
    }

    /// <summary>Runs the app on <paramref name="host"/> (tests call this in-process).</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, CliHost host)
        => CliApp.InvokeAsync(CreateRootCommand(host), args, host);

    /// <summary>The command tree.</summary>
    public static RootCommand CreateRootCommand(CliHost host)
    {
        var root = CliApp.CreateRootCommand("verifier");
        root.Subcommands.Add(VerifyCommand.Create(host));
        root.Subcommands.Add(RequestCommand.Create(host));
        root.Subcommands.Add(ServeCommand.Create(host));
        root.Subcommands.Add(CertCommand.Create(host));
        return CliHelp.Apply(root, "verifier", HelpResources, host.Language, new Dictionary<string, string> { ["queries"] = string.Join(", ", Queries.Named.Keys) });
    }
}
