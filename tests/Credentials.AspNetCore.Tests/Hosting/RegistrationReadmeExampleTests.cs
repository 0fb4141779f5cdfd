using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore;
using Credentials.AspNetCore.Hosting;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Credentials.AspNetCore.Tests.Hosting;

/// <summary>
/// The Credentials.AspNetCore README's registration example lives here so it compiles; a test keeps the README's copy
/// identical. Compile-only: it runs a host until shutdown; the registration tests run the same calls.
/// </summary>
public sealed class RegistrationReadmeExampleTests
{
    private const string Readme = "src/Credentials.AspNetCore/README.md";
    private const string Source = "tests/Credentials.AspNetCore.Tests/Hosting/RegistrationReadmeExampleTests.cs";

    [Fact]
    public void AspNetCoreReadme_RegistrationSnippet_MatchesCompiledCode()
    {
        Assert.Equal(ReadmeSnippet.Region(Source, "AspNetCoreReadmeRegistration"), ReadmeSnippet.Code(Readme, block: 1));
        Assert.All(ReadmeSnippet.Usings(Readme, block: 1), u => Assert.Contains(u, ReadmeSnippet.SourceUsings(Source)));
    }

    // Compile-only: never called.
    internal static void AspNetCoreReadmeRegistration(string[] args, SigningKey issuerKey)
    {
        #region AspNetCoreReadmeRegistration
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSqliteProtocolStateStore("issuer-state.db");
        builder.Services.AddScoped<ExamDbContext>();
        builder.Services
            .AddOpenId4VciIssuer("ipa", builder.Configuration.GetSection("Credentials:Issuers:ipa"), o => o.Signer = issuerKey)
            .AddCredentialDatasets<ExamResults>(); // scoped: ExamResults may take ExamDbContext
        var app = builder.Build();
        app.MapOpenId4VciIssuer(options: new OpenId4VciEndpointOptions { IssuerName = "ipa" });
        app.Run();
        #endregion
    }

    /// <summary>Stands for the app's EF Core context.</summary>
    internal sealed class ExamDbContext : IDisposable
    {
        public void Dispose()
        {
        }
    }

    /// <summary>The app's dataset source over its context.</summary>
    internal sealed class ExamResults(ExamDbContext db) : ICredentialDatasetSource
    {
        public ExamDbContext Db => db;

        public ValueTask<CredentialDataset?> GetDatasetAsync(CredentialIssuanceContext context, CancellationToken cancellationToken)
            => ValueTask.FromResult<CredentialDataset?>(null);
    }
}
