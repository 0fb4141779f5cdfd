using System.Collections.Generic;
using System.CommandLine;
using System.Resources;
using System.Threading.Tasks;

namespace Credentials.Samples.Holder;

/// <summary>
/// The <c>holder</c> app: a person's wallet on the command line. An encrypted SQLite file holds the holder keys,
/// the credentials (verified on import) and a log of what was disclosed to whom.
/// </summary>
public static class HolderApp
{
    /// <summary>The environment variable with the wallet passphrase (else the app asks for it in the terminal).</summary>
    public const string PassphraseVariable = "CREDENTIALS_WALLET_PASSPHRASE";

    /// <summary>The environment variable with the default wallet file (else <c>wallet.db</c>).</summary>
    public const string WalletVariable = "CREDENTIALS_WALLET";

    /// <summary>The help text of every command, option and argument (English, and Japanese in <c>ja</c>).</summary>
    public static ResourceManager HelpResources { get; } = new("Credentials.Samples.Holder.Resources.HolderHelp", typeof(HolderApp).Assembly);

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
        var root = CliApp.CreateRootCommand("holder");
        root.Subcommands.Add(InitCommand.Create(host));
        root.Subcommands.Add(KeysCommand.Create(host));
        root.Subcommands.Add(ImportCommand.Create(host));
        root.Subcommands.Add(ListCommand.Create(host));
        root.Subcommands.Add(ShowCommand.Create(host));
        root.Subcommands.Add(PresentCommand.Create(host));
        root.Subcommands.Add(ReceiveCommand.Create(host));
        root.Subcommands.Add(RespondCommand.Create(host));
        return CliHelp.Apply(root, "holder", HelpResources, host.Language);
    }
}
