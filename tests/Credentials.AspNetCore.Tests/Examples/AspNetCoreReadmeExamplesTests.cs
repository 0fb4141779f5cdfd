using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Status;
using Credentials.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Credentials.AspNetCore.Tests.Examples;

/// <summary>
/// The Credentials.AspNetCore README's example lives here so it compiles; a test keeps the README's copy identical.
/// Compile-only: it runs a host until shutdown on fixed files; the issuer and status list tests run the same calls.
/// </summary>
public sealed class AspNetCoreReadmeExamplesTests
{
    private const string Readme = "src/Credentials.AspNetCore/README.md";
    private const string Source = "tests/Credentials.AspNetCore.Tests/Examples/AspNetCoreReadmeExamplesTests.cs";

    [Fact]
    public void AspNetCoreReadme_Snippet_MatchesCompiledCode()
    {
        Assert.Equal(ReadmeSnippet.Region(Source, "AspNetCoreReadme"), ReadmeSnippet.Code(Readme));
        Assert.All(ReadmeSnippet.Usings(Readme), u => Assert.Contains(u, ReadmeSnippet.SourceUsings(Source)));
    }

    // Compile-only: never called.
    internal static void AspNetCoreReadme(string[] args, SigningKey issuerKey)
    {
        #region AspNetCoreReadme
        var statusStore = SqliteStatusListStore.ForFile("status.db");
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddOpenId4VciIssuer("issuer-state.db", _ => new OpenId4VciIssuerOptions
        {
            CredentialIssuer = "https://issuer.example",
            Signer = issuerKey,
            CredentialConfigurations = [new IssuerCredentialConfiguration { Id = "age", Vct = "https://issuer.example/age" }],
            StatusLists = new StatusListIssuer(statusStore, new StatusListTokenIssuer(issuerKey)),
            StatusListUri = "https://issuer.example/status/1",
            ResolveDataset = (context, ct) => LoadClaimsAsync(context, ct), // the app decides what each credential says
        });
        var app = builder.Build();
        app.MapOpenId4VciIssuer();
        app.MapStatusList("/status/1", "https://issuer.example/status/1", statusStore);
        app.Run();
        #endregion
    }

    private static ValueTask<CredentialDataset?> LoadClaimsAsync(CredentialIssuanceContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult<CredentialDataset?>(null);
}
