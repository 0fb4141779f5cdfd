using System.Collections.Generic;
using System.CommandLine;
using System.Resources;

namespace Credentials.Samples.Issuer;

/// <summary>Builds the issuer's command tree; <c>Main</c> and the tests share it.</summary>
public static class IssuerApp
{
    /// <summary>The help text of every command, option and argument (English, and Japanese in <c>ja</c>).</summary>
    public static ResourceManager HelpResources { get; } = new("Credentials.Samples.Issuer.Resources.IssuerHelp", typeof(IssuerApp).Assembly);

    /// <summary>The root command: <c>keys</c>, <c>did</c>, <c>issue</c>, <c>sign</c>, <c>bake</c>, <c>batch</c>, <c>status</c>, <c>serve</c>, <c>iaca</c>.</summary>
    public static RootCommand CreateRootCommand(CliHost host)
    {
        var root = CliApp.CreateRootCommand("issuer");
        root.Subcommands.Add(KeysCommand.Create(host));
        root.Subcommands.Add(DidCommand.Create(host));
        root.Subcommands.Add(IssueCommand.Create(host));
        root.Subcommands.Add(SignCommand.Create(host));
        root.Subcommands.Add(BakeCommand.Create(host));
        root.Subcommands.Add(BatchCommand.Create(host));
        root.Subcommands.Add(StatusCommand.Create(host));
        root.Subcommands.Add(ServeCommand.Create(host));
        root.Subcommands.Add(IacaCommand.Create(host));
        return CliHelp.Apply(root, "issuer", HelpResources, host.Language, new Dictionary<string, string> { ["types"] = string.Join(", ", CredentialTypes.Names) });
    }
}
