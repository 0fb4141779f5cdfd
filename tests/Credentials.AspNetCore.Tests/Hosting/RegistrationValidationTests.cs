using System;
using System.Linq;
using System.Threading.Tasks;
using Credentials.AspNetCore.Hosting;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.OpenId4Vp;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace Credentials.AspNetCore.Tests.Hosting;

/// <summary>
/// Invalid settings stop the host at start-up with one <see cref="OptionsValidationException"/> naming the instance and
/// listing every bad value; a name registered twice is refused at registration.
/// </summary>
public sealed class RegistrationValidationTests : IDisposable
{
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, "issuer-1");

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task StartAsync_IssuerWithSeveralBadValues_FailsListingEachOne()
    {
        var configuration = RegistrationFixtures.Json("""
            {
              "CredentialIssuer": "http://issuer.example/ipa",
              "BatchSize": "ten",
              "NonceLifetime": "-00:01:00",
              "ProofSigningAlgorithms": [ "RS256" ],
              "CredentialConfigurations": [ { "Id": "age" } ]
            }
            """);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddInMemoryProtocolStateStore();
        builder.Services.AddOpenId4VciIssuer("ipa", configuration, _ => { });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("ipa", error.OptionsName);
        Assert.Equal(typeof(OpenId4VciIssuerSettings), error.OptionsType);
        Assert.All(error.Failures, f => Assert.StartsWith("OpenID4VCI issuer 'ipa': ", f, StringComparison.Ordinal));
        foreach (var setting in new[] { "BatchSize", "CredentialIssuer", "NonceLifetime", "RS256", "CredentialConfigurations:0:Vct", "Signer", "ResolveDataset", "CredentialConfigurations needs" })
        {
            Assert.Contains(error.Failures, f => f.Contains(setting, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task StartAsync_IssuerWithoutProtocolStateStore_Fails()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddOpenId4VciIssuer(RegistrationFixtures.Issuer("https://issuer.example", _key));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains(nameof(Credentials.Protocols.IProtocolStateStore), StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_ProblemOnlyTheIssuerConstructorFinds_IsReportedAtStartUp()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddInMemoryProtocolStateStore();
        builder.Services.AddOpenId4VciIssuer(o =>
        {
            RegistrationFixtures.Issuer("https://issuer.example", _key)(o);
            o.DeferredIssuance = new DeferredIssuanceOptions { Defer = (_, _) => ValueTask.FromResult(false), Interval = TimeSpan.Zero };
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Single(error.Failures);
    }

    [Fact]
    public async Task StartAsync_ValidIssuer_Starts()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddInMemoryProtocolStateStore();
        builder.Services.AddOpenId4VciIssuer(RegistrationFixtures.Issuer("https://issuer.example", _key));
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal("https://issuer.example", host.Services.GetRequiredService<OpenId4VciIssuer>().CredentialIssuer);
    }

    [Fact]
    public async Task StartAsync_VerifierWithoutClientIdResponseUriOrCredentialVerifier_FailsListingEachOne()
    {
        var configuration = RegistrationFixtures.Json("""{ "ResponseMode": "query", "RequestLifetime": "00:00:00", "RedirectUri": "not a url" }""");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddInMemoryProtocolStateStore();
        builder.Services.AddOpenId4VpVerifier(configuration, _ => { });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(Options.DefaultName, error.OptionsName);
        Assert.All(error.Failures, f => Assert.StartsWith("OpenID4VP verifier: ", f, StringComparison.Ordinal));
        foreach (var setting in new[] { "ClientId", "ResponseUri", "ResponseMode", "RequestLifetime", "RedirectUri", nameof(SdJwtVcVerifier) })
        {
            Assert.Contains(error.Failures, f => f.Contains(setting, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task StartAsync_SdJwtVcVerifierWithBadValues_FailsListingEachOne()
    {
        var configuration = RegistrationFixtures.Json("""{ "AllowedAlgorithms": [ "none" ], "ClockSkew": "2.00:00:00", "RequireStatus": "maybe" }""");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSdJwtVcVerifier("wallet", configuration, _ => { });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("wallet", error.OptionsName);
        foreach (var setting in new[] { "AllowedAlgorithms", "ClockSkew", "RequireStatus", "IssuerKeys" })
        {
            Assert.Contains(error.Failures, f => f.Contains(setting, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void AddOpenId4VciIssuer_SameNameTwice_Throws()
    {
        var services = new ServiceCollection();
        services.AddOpenId4VciIssuer("ipa", RegistrationFixtures.Issuer("https://a.example", _key));

        Assert.Throws<InvalidOperationException>(() => services.AddOpenId4VciIssuer("ipa", RegistrationFixtures.Issuer("https://b.example", _key)));
        services.AddOpenId4VciIssuer("other", RegistrationFixtures.Issuer("https://b.example", _key));
    }

    [Fact]
    public void AddOpenId4VciIssuer_DefaultTwiceWhateverTheOverload_Throws()
    {
        var services = new ServiceCollection();
        services.AddOpenId4VciIssuer(_ => new OpenId4VciIssuerOptions
        {
            CredentialIssuer = "https://a.example",
            Signer = _key,
            CredentialConfigurations = [new IssuerCredentialConfiguration { Id = "a", Vct = "https://a.example/a" }],
            ResolveDataset = (_, _) => ValueTask.FromResult<CredentialDataset?>(null),
        });

        Assert.Throws<InvalidOperationException>(() => services.AddOpenId4VciIssuer(RegistrationFixtures.Issuer("https://b.example", _key)));
    }

    [Fact]
    public void AddVerifiers_SameNameTwice_Throws()
    {
        var services = new ServiceCollection();
        services.AddSdJwtVcVerifier(o => o.IssuerKeys = new StaticIssuerKeyResolver(_key.PublicJwk));
        services.AddOpenId4VpVerifier("shop", _ => { });

        Assert.Throws<InvalidOperationException>(() => services.AddSdJwtVcVerifier(o => o.IssuerKeys = new StaticIssuerKeyResolver(_key.PublicJwk)));
        Assert.Throws<InvalidOperationException>(() => services.AddOpenId4VpVerifier("shop", _ => { }));
        Assert.Throws<InvalidOperationException>(() => services.AddOpenId4VpVerifier("shop", RegistrationFixtures.Json("{}"), _ => { }));
        Assert.IsType<OpenId4VpVerifierBuilder>(services.AddOpenId4VpVerifier(_ => { }));
    }
}
