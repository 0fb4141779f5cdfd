using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Testing.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

/// <summary>
/// <c>holder receive --issuer URL --configuration ID</c> (wallet-initiated Authorization Code Flow) against a scripted
/// Authorization Server and Credential Issuer on loopback whose PAR endpoint plays the person and the browser: it
/// follows the pushed request's <c>redirect_uri</c> with a code, as an authorization endpoint would after the login.
/// </summary>
public sealed class AuthorizationCodeReceiveTests
{
    private const string Code = "code-from-the-login";

    [Fact]
    public async Task Receive_WalletInitiatedAuthorizationCode_WaitsForTheRedirectAndStoresCredential()
    {
        using var bed = new AppTestBed();
        await bed.CreateWalletWithKeyAsync();
        var seen = new List<string>();
        await using var server = await StartServerAsync(bed, seen, followRedirect: true);
        var origin = server.Urls.First();

        var run = await bed.HolderAsync("receive", "--issuer", origin, "--configuration", "age", "--wallet", bed.WalletPath, "--trust", bed.IssuerPublicJwkPath, "--yes", "--allow-local-network", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(AppTestBed.AgeVct, (string?)run.Json["vct"]);
        Assert.Contains($"{origin}/authorize?client_id=", run.Error, StringComparison.Ordinal);
        Assert.Equal(["par", "token:DPoP", "nonce", "credential:DPoP"], seen);
        Assert.Single((await bed.HolderJsonAsync("list"))["credentials"]!.AsArray());
    }

    [Fact]
    public async Task Receive_BrowserNeverComesBack_TimesOutAndStoresNothing()
    {
        using var bed = new AppTestBed();
        await bed.CreateWalletWithKeyAsync();
        await using var server = await StartServerAsync(bed, [], followRedirect: false);

        var run = await bed.HolderAsync("receive", "--issuer", server.Urls.First(), "--configuration", "age", "--auth-timeout", "1", "--wallet", bed.WalletPath, "--trust", bed.IssuerPublicJwkPath, "--yes", "--allow-local-network", "--json");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal("holder.authorization_timeout", run.ErrorCode);
        Assert.Empty((await bed.HolderJsonAsync("list"))["credentials"]!.AsArray());
    }

    [Fact]
    public async Task Receive_NeitherOfferNorIssuer_InvalidOption()
    {
        using var bed = new AppTestBed();
        await bed.CreateWalletWithKeyAsync();

        var run = await bed.HolderAsync("receive", "--wallet", bed.WalletPath, "--trust", bed.IssuerPublicJwkPath, "--yes", "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("cli.invalid_option", run.ErrorCode);
    }

    /// <summary>An issuer whose metadata names its origin, picked before it starts: another port if that one is taken.</summary>
    private static Task<WebApplication> StartServerAsync(AppTestBed bed, List<string> seen, bool followRedirect)
        => LoopbackPort.OnFreshPortAsync(origin => StartServerAsync(bed, seen, followRedirect, origin));

    private static async Task<WebApplication> StartServerAsync(AppTestBed bed, List<string> seen, bool followRedirect, string origin)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(origin);
        var app = builder.Build();
        var metadata = new CredentialIssuerMetadata
        {
            CredentialIssuer = origin,
            CredentialEndpoint = origin + "/credential",
            NonceEndpoint = origin + "/nonce",
            CredentialConfigurations = new Dictionary<string, CredentialConfiguration>
            {
                ["age"] = new()
                {
                    Format = CredentialConfiguration.SdJwtVcFormat,
                    Vct = AppTestBed.AgeVct,
                    CryptographicBindingMethods = ["jwk"],
                    ProofTypes = new Dictionary<string, ProofTypeMetadata> { [ProofTypeMetadata.Jwt] = new() { ProofSigningAlgorithms = ["ES256", "EdDSA"] } },
                },
            },
        };
        var server = new AuthorizationServerMetadata
        {
            Issuer = origin,
            TokenEndpoint = origin + "/token",
            AuthorizationEndpoint = origin + "/authorize",
            PushedAuthorizationRequestEndpoint = origin + "/par",
            CodeChallengeMethodsSupported = ["S256"],
            AuthorizationResponseIssParameterSupported = true,
        };
        app.MapGet(CredentialIssuerMetadata.WellKnownPath, () => Results.Text(metadata.ToJson(), "application/json"));
        app.MapGet(AuthorizationServerMetadata.WellKnownPath, () => Results.Text(server.ToJson(), "application/json"));
        app.MapPost("/par", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            lock (seen)
            {
                seen.Add("par");
            }

            if (followRedirect)
            {
                // The person logs in; the authorization endpoint sends the browser back.
                var back = $"{form["redirect_uri"]}?code={Code}&state={Uri.EscapeDataString(form["state"]!)}&iss={Uri.EscapeDataString(origin)}";
                _ = Task.Run(async () =>
                {
                    await Task.Delay(300);
                    using var browser = new HttpClient();
                    await browser.GetAsync(new Uri(back));
                });
            }

            return Results.Json(new { request_uri = "urn:ietf:params:oauth:request_uri:1", expires_in = 60 }, statusCode: 201);
        });
        app.MapPost("/token", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            lock (seen)
            {
                seen.Add("token:" + (context.Request.Headers.ContainsKey("DPoP") ? "DPoP" : "none"));
            }

            return form["code"] == Code && form["code_verifier"].ToString().Length >= 43
                ? Results.Text("""{"access_token":"at-1","token_type":"DPoP"}""", "application/json")
                : Results.Text("""{"error":"invalid_grant"}""", "application/json", statusCode: 400);
        });
        app.MapPost("/nonce", () =>
        {
            lock (seen)
            {
                seen.Add("nonce");
            }

            return Results.Text("""{"c_nonce":"c-1"}""", "application/json");
        });
        app.MapPost("/credential", async (HttpContext context) =>
        {
            lock (seen)
            {
                seen.Add("credential:" + (context.Request.Headers.Authorization.ToString().StartsWith("DPoP ", StringComparison.Ordinal) ? "DPoP" : "other"));
            }

            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var proof = Jws.ReadCompact(body.RootElement.GetProperty("proofs").GetProperty("jwt")[0].GetString()!).Value;
            var holderKey = bed.Write("proof.jwk", Jwk.ReadPublic(proof.Header.GetProperty("jwk")).Value.ToJson());
            var credential = await File.ReadAllTextAsync(await bed.IssueAgeCredentialAsync(holderKey));
            return Results.Json(new { credentials = new[] { new { credential } } });
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }
}
