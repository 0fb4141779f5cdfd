using System;
using System.Linq;
using Credentials.AspNetCore.Authentication;
using Credentials.AspNetCore.Storage;
using Credentials.Dcql;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwtVc;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Credentials.AspNetCore.Tests.Authentication;

/// <summary>
/// The README's sign-in example lives here so it compiles; a test keeps the README's copy identical. Compile-only (it
/// runs a host until shutdown); <see cref="PresentationAuthenticationTests"/> runs the same calls on Kestrel.
/// </summary>
public sealed class AuthenticationReadmeExampleTests
{
    private const string Readme = "src/Credentials.AspNetCore/README.md";
    private const string Source = "tests/Credentials.AspNetCore.Tests/Authentication/AuthenticationReadmeExampleTests.cs";

    [Fact]
    public void Readme_SignInSnippet_MatchesCompiledCode()
    {
        // The block that registers the scheme, wherever it sits among the README's blocks.
        var block = Enumerable.Range(0, 32).First(i => ReadmeSnippet.Code(Readme, i).Any(l => l.Contains("AddVerifiablePresentation", StringComparison.Ordinal)));

        Assert.Equal(ReadmeSnippet.Region(Source, "AuthenticationReadme"), ReadmeSnippet.Code(Readme, block));
        Assert.All(ReadmeSnippet.Usings(Readme, block), u => Assert.Contains(u, ReadmeSnippet.SourceUsings(Source)));
    }

    // Compile-only: never called.
    internal static void AuthenticationReadme(string[] args, TrustList trustList)
    {
        #region AuthenticationReadme
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton<IProtocolStateStore>(new SqliteProtocolStateStore("verifier-state.db"));
        builder.Services.AddSingleton(new SdJwtVcVerifier(trustList));
        builder.Services.AddOpenId4VpVerifier(_ => new OpenId4VpVerifierOptions
        {
            ClientId = ClientIdentifier.ForRedirectUri(new Uri("https://shop.example/openid4vp/response")).Value,
            ResponseUri = new Uri("https://shop.example/openid4vp/response"),
            Policy = new OpenId4VpPresentationPolicy { IssuerAuthorization = trustList },
        });
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = VerifiablePresentationDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddVerifiablePresentation(o =>
            {
                // Ask for the claim without a value constraint: the policy decides (403), not the wallet's search.
                o.Query = DcqlQuery.Read("""{"credentials":[{"id":"age","format":"dc+sd-jwt","meta":{"vct_values":["https://issuer.example/age"]},"claims":[{"path":["age_over_20"]}]}]}""").GetValueOrThrow();
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.Flow = PresentationFlow.CrossDevice; // a QR code page; SameDevice redirects to the wallet
            });
        builder.Services.AddAuthorization(o => o.AddPolicy("Over20", p => p.RequireVerifiedClaim("age_over_20", true)));
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenId4VpVerifier();
        app.MapGet("/checkout", [Authorize(Policy = "Over20")] () => "Welcome");
        app.Run();
        #endregion
    }
}
