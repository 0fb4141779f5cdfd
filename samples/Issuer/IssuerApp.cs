using System.CommandLine;

namespace Credentials.Samples.Issuer;

/// <summary>Builds the issuer's command tree; <c>Main</c> and the tests share it.</summary>
public static class IssuerApp
{
    /// <summary>The root command: <c>keys</c>, <c>did</c>, <c>issue</c>, <c>batch</c>, <c>status</c>.</summary>
    public static RootCommand CreateRootCommand(CliHost host)
    {
        var root = CliApp.CreateRootCommand("issuer", "Sample credential issuer: makes keys and DIDs, issues SD-JWT VCs of the Japanese sample types (one or thousands), manages their Token Status List, and serves OpenID4VCI.");
        root.Subcommands.Add(KeysCommand.Create(host));
        root.Subcommands.Add(DidCommand.Create(host));
        root.Subcommands.Add(IssueCommand.Create(host));
        root.Subcommands.Add(BatchCommand.Create(host));
        root.Subcommands.Add(StatusCommand.Create(host));
        root.Subcommands.Add(ServeCommand.Create(host));
        return root;
    }
}
