using System;
using System.Linq;
using Credentials.AspNetCore.Hosting;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.OpenId4Vp;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Credentials.AspNetCore.Tests.Hosting;

/// <summary>Settings bound from a JSON configuration section become the options the issuer and verifiers are built with.</summary>
public sealed class RegistrationConfigurationTests : IDisposable
{
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, "issuer-1");

    public void Dispose() => _key.Dispose();

    [Fact]
    public void AddOpenId4VciIssuer_JsonSection_BindsScalarsListsAndConfigurations()
    {
        var configuration = RegistrationFixtures.Json("""
            {
              "Credentials": {
                "Issuer": {
                  "CredentialIssuer": "https://issuer.example.jp/ipa",
                  "BatchSize": 3,
                  "AccessTokenLifetime": "00:02:00",
                  "BatchIssuedAtPrecision": "",
                  "SingleUseAccessTokens": false,
                  "ProofSigningAlgorithms": [ "ES256" ],
                  "StatusListUri": null,
                  "Display": [ { "Name": "IPA", "Locale": "en-US" } ],
                  "CredentialConfigurations": [
                    { "Id": "age_sd_jwt", "Vct": "https://credentials.example.jp/vct/age/v1", "Scope": "age",
                      "Display": [ { "Name": "Age", "Locale": "en-US", "Logo": { "Uri": "https://issuer.example.jp/age.png", "AltText": "age" } } ] }
                  ]
                }
              }
            }
            """);
        var services = new ServiceCollection().AddInMemoryProtocolStateStore();
        services.AddOpenId4VciIssuer(configuration.GetSection("Credentials:Issuer"), o => RegistrationFixtures.CompleteIssuer(o, _key));
        using var provider = services.BuildServiceProvider();

        var settings = provider.GetRequiredService<IOptionsMonitor<OpenId4VciIssuerSettings>>().Get(Options.DefaultName);
        var issuer = provider.GetRequiredService<OpenId4VciIssuer>();

        Assert.Equal("https://issuer.example.jp/ipa", settings.CredentialIssuer);
        Assert.Equal(3, settings.BatchSize);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.AccessTokenLifetime);
        Assert.Null(settings.BatchIssuedAtPrecision);
        Assert.False(settings.SingleUseAccessTokens);
        Assert.Equal(["ES256"], settings.ProofSigningAlgorithms);
        Assert.Null(settings.StatusListUri);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.NonceLifetime);
        var configurationOut = Assert.Single(settings.CredentialConfigurations);
        Assert.Equal("age", configurationOut.Scope);
        Assert.Equal("https://issuer.example.jp/age.png", Assert.Single(configurationOut.Display!).Logo!.Uri);
        Assert.Equal("https://issuer.example.jp/ipa", issuer.CredentialIssuer);
        Assert.Equal("/ipa", issuer.PathPrefix);
        Assert.Equal(3, issuer.Metadata.BatchSize);
        Assert.Equal(["age_sd_jwt"], issuer.Metadata.CredentialConfigurations.Keys);
        Assert.Equal(["ES256"], issuer.Metadata.CredentialConfigurations["age_sd_jwt"].ProofTypes!["jwt"].ProofSigningAlgorithms);
    }

    [Fact]
    public void AddOpenId4VciIssuer_CodeAfterConfiguration_AddsToAndOverridesBoundValues()
    {
        var configuration = RegistrationFixtures.Json("""{ "CredentialIssuer": "https://a.example", "BatchSize": 3, "CredentialConfigurations": [ { "Id": "a", "Vct": "https://a.example/a" } ] }""");
        var services = new ServiceCollection().AddInMemoryProtocolStateStore();
        services.AddOpenId4VciIssuer(configuration, o =>
        {
            RegistrationFixtures.CompleteIssuer(o, _key);
            o.BatchSize = 1;
            o.CredentialConfigurations.Add(new IssuerCredentialConfiguration { Id = "b", Vct = "https://a.example/b" });
        });
        using var provider = services.BuildServiceProvider();

        var issuer = provider.GetRequiredService<OpenId4VciIssuer>();

        Assert.Null(issuer.Metadata.BatchSize);
        Assert.Equal(["a", "b"], issuer.Metadata.CredentialConfigurations.Keys.Order());
    }

    [Fact]
    public void AddOpenId4VpVerifier_JsonSection_BindsOptions()
    {
        var configuration = RegistrationFixtures.Json("""
            {
              "Verifier": {
                "ClientId": "redirect_uri:https://verifier.example.jp/openid4vp/response",
                "ResponseUri": "https://verifier.example.jp/openid4vp/response",
                "RequestLifetime": "00:01:30",
                "MaxVpTokenLength": 65536,
                "ExpectedOrigins": [ "https://verifier.example.jp" ],
                "EncryptionMethods": [ "A256GCM" ]
              }
            }
            """);
        var services = new ServiceCollection().AddInMemoryProtocolStateStore();
        services.AddSdJwtVcVerifier(o => o.IssuerKeys = new StaticIssuerKeyResolver(_key.PublicJwk));
        services.AddOpenId4VpVerifier(configuration.GetSection("Verifier"), _ => { });
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<OpenId4VpVerifier>().Options;

        Assert.Equal("redirect_uri:https://verifier.example.jp/openid4vp/response", options.ClientId);
        Assert.Equal(new Uri("https://verifier.example.jp/openid4vp/response"), options.ResponseUri);
        Assert.Equal(TimeSpan.FromSeconds(90), options.RequestLifetime);
        Assert.Equal(65536, options.MaxVpTokenLength);
        Assert.Equal(["https://verifier.example.jp"], options.ExpectedOrigins);
        Assert.Equal(["A256GCM"], options.EncryptionMethods);
        Assert.Equal(TimeSpan.FromMinutes(10), options.ResultLifetime);
    }

    [Fact]
    public void AddSdJwtVcVerifier_JsonSection_BindsSettingsAndTakesResolversFromDi()
    {
        var configuration = RegistrationFixtures.Json("""{ "AllowedAlgorithms": [ "ES256", "ES384" ], "RequireStatus": true, "RequireConfirmationKey": false, "ClockSkew": "00:00:10", "NeverDisclosableClaims": [ "age_over_20" ] }""");
        var services = new ServiceCollection();
        services.AddSingleton<IIssuerKeyResolver>(new StaticIssuerKeyResolver(_key.PublicJwk));
        services.AddSdJwtVcVerifier(configuration, _ => { });
        using var provider = services.BuildServiceProvider();

        var settings = provider.GetRequiredService<IOptionsMonitor<SdJwtVcVerifierSettings>>().Get(Options.DefaultName);
        var verifier = provider.GetRequiredService<SdJwtVcVerifier>();

        Assert.NotNull(verifier);
        Assert.Equal(["ES256", "ES384"], settings.AllowedAlgorithms);
        Assert.Equal(["EdDSA", "Ed25519", "ES256", "ES384"], settings.AllowedKeyBindingAlgorithms);
        Assert.True(settings.RequireStatus);
        Assert.False(settings.RequireConfirmationKey);
        Assert.True(settings.RequireExpirationTime);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.ClockSkew);
        Assert.Equal(["age_over_20"], settings.NeverDisclosableClaims);
    }

    [Fact]
    public void AddOpenId4VpVerifier_CredentialVerifierName_UsesThatKeyedSdJwtVcVerifier()
    {
        var services = new ServiceCollection().AddInMemoryProtocolStateStore();
        services.AddSdJwtVcVerifier("strict", o => o.IssuerKeys = new StaticIssuerKeyResolver(_key.PublicJwk));
        services.AddOpenId4VpVerifier("shop", o =>
        {
            o.ClientId = "redirect_uri:https://shop.example/response";
            o.ResponseUri = new Uri("https://shop.example/response");
            o.CredentialVerifierName = "strict";
        });
        using var provider = services.BuildServiceProvider();

        var verifier = provider.GetRequiredKeyedService<OpenId4VpVerifier>("shop");

        Assert.Equal("redirect_uri:https://shop.example/response", verifier.Options.ClientId);
        Assert.Null(provider.GetService<OpenId4VpVerifier>());
        Assert.Null(provider.GetService<SdJwtVcVerifier>());
        Assert.NotNull(provider.GetKeyedService<SdJwtVcVerifier>("strict"));
    }
}
