using System.Text;
using Credentials.OpenId4Vci;
using Xunit;

namespace Credentials.Tests.OpenId4Vci;

public sealed class MetadataTests
{
    [Fact]
    public void Parse_SpecLongIssuerMetadata_ReadsEndpointsBatchDisplayAndSdJwtConfiguration()
    {
        var metadata = CredentialIssuerMetadata.Read(Vectors.ReadBytes("credential_issuer_metadata_sd_jwt_long.json"));

        Assert.True(metadata.IsValid, metadata.Error?.ToString());
        var m = metadata.Value;
        Assert.Equal("https://credential-issuer.example.com", m.CredentialIssuer);
        Assert.Equal("https://credential-issuer.example.com/nonce", m.NonceEndpoint);
        Assert.Equal(10, m.BatchSize);
        Assert.Equal(["https://server.example.com"], m.AuthorizationServers);
        Assert.Equal(2, m.Display!.Count);
        var sdJwt = m.CredentialConfigurations["SD_JWT_VC_example_in_OpenID4VCI"];
        Assert.Equal("dc+sd-jwt", sdJwt.Format);
        Assert.Equal("SD_JWT_VC_example_in_OpenID4VCI", sdJwt.Vct);
        Assert.Equal(["jwk"], sdJwt.CryptographicBindingMethods);
        Assert.Equal(["ES256"], sdJwt.ProofTypes!["jwt"].ProofSigningAlgorithms);
        Assert.True(sdJwt.ProofTypes["jwt"].KeyAttestationsRequired);
        Assert.Equal("IdentityCredential", sdJwt.Display![0].Name);
        Assert.Equal("#12107c", sdJwt.Display[0].BackgroundColor);
        Assert.NotNull(sdJwt.Claims);
    }

    [Fact]
    public void Parse_SpecSdJwtConfigurationFragment_ReadsClaimsAndDisplay()
    {
        var fragment = Vectors.Read("credential_metadata_sd_jwt_vc.json");
        var json = "{\"credential_issuer\":\"https://credential-issuer.example.com\",\"credential_endpoint\":\"https://credential-issuer.example.com/credential\"," + fragment.Trim()[1..];

        var metadata = CredentialIssuerMetadata.Read(Encoding.UTF8.GetBytes(json));

        Assert.True(metadata.IsValid, metadata.Error?.ToString());
        Assert.Equal(13, metadata.Value.CredentialConfigurations["SD_JWT_VC_example_in_OpenID4VCI"].Claims!.Value.GetArrayLength());
    }

    [Fact]
    public void ToJson_Parse_RoundTripsJapaneseDisplay()
    {
        var metadata = new CredentialIssuerMetadata
        {
            CredentialIssuer = "https://issuer.example.jp/ipa",
            CredentialEndpoint = "https://issuer.example.jp/ipa/credential",
            NonceEndpoint = "https://issuer.example.jp/ipa/nonce",
            BatchSize = 5,
            Display = [new IssuerDisplay { Name = "情報処理推進機構（サンプル）", Locale = "ja-JP" }, new IssuerDisplay { Name = "IPA (sample)", Locale = "en-US" }],
            CredentialConfigurations = new System.Collections.Generic.Dictionary<string, CredentialConfiguration>
            {
                ["ipa"] = new()
                {
                    Format = "dc+sd-jwt",
                    Vct = "https://credentials.example.jp/vct/ipa/exam-pass/v1",
                    CryptographicBindingMethods = ["jwk"],
                    CredentialSigningAlgorithms = ["ES256"],
                    ProofTypes = new System.Collections.Generic.Dictionary<string, ProofTypeMetadata> { ["jwt"] = new() { ProofSigningAlgorithms = ["ES256", "EdDSA"] } },
                    Display = [new CredentialDisplay { Name = "情報処理技術者試験 合格証明書", Locale = "ja-JP" }, new CredentialDisplay { Name = "IPA exam pass", Locale = "en-US" }],
                },
            },
        };

        var json = metadata.ToJson();
        var parsed = CredentialIssuerMetadata.Read(Encoding.UTF8.GetBytes(json));

        Assert.Contains("情報処理技術者試験 合格証明書", json, System.StringComparison.Ordinal);
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        Assert.Equal(5, parsed.Value.BatchSize);
        Assert.Equal("ja-JP", parsed.Value.CredentialConfigurations["ipa"].Display![0].Locale);
        Assert.Equal(["ES256", "EdDSA"], parsed.Value.CredentialConfigurations["ipa"].ProofTypes!["jwt"].ProofSigningAlgorithms);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"credential_issuer\":\"https://i.example\",\"credential_configurations_supported\":{}}")]
    [InlineData("{\"credential_issuer\":\"https://i.example\",\"credential_endpoint\":\"https://i.example/c\"}")]
    [InlineData("{\"credential_issuer\":\"https://i.example\",\"credential_endpoint\":\"https://i.example/c\",\"credential_configurations_supported\":{\"x\":{\"format\":\"dc+sd-jwt\"}}}")]
    [InlineData("{\"credential_issuer\":\"https://i.example\",\"credential_endpoint\":\"https://i.example/c\",\"batch_credential_issuance\":{\"batch_size\":1},\"credential_configurations_supported\":{}}")]
    [InlineData("{\"credential_issuer\":\"https://i.example\",\"credential_endpoint\":\"https://i.example/c\",\"credential_configurations_supported\":{\"x\":{\"format\":\"dc+sd-jwt\",\"vct\":\"v\",\"cryptographic_binding_methods_supported\":[\"jwk\"]}}}")]
    [InlineData("{\"credential_issuer\":\"https://i.example\",\"credential_endpoint\":\"https://i.example/c\",\"credential_configurations_supported\":{\"x\":{\"format\":\"dc+sd-jwt\",\"vct\":\"v\",\"cryptographic_binding_methods_supported\":[\"jwk\"],\"proof_types_supported\":{\"jwt\":{\"proof_signing_alg_values_supported\":[]}}}}}")]
    [InlineData("{\"credential_issuer\":\"https://i.example\",\"credential_endpoint\":\"https://i.example/c\",\"display\":[{\"locale\":\"ja-JP\"},{\"locale\":\"ja-JP\"}],\"credential_configurations_supported\":{}}")]
    [InlineData("{\"credential_issuer\":\"https://i.example\",\"credential_endpoint\":\"https://i.example/c\",\"credential_configurations_supported\":{\"x\":{\"format\":\"dc+sd-jwt\",\"vct\":\"v\",\"credential_metadata\":{\"display\":[{\"locale\":\"en-US\"}]}}}}")]
    public void Parse_InvalidIssuerMetadata_FailsWithInvalidMetadata(string json)
    {
        var metadata = CredentialIssuerMetadata.Read(Encoding.UTF8.GetBytes(json));

        Assert.False(metadata.IsValid);
        Assert.Equal(OpenId4VciErrors.InvalidMetadata, metadata.Error.Code);
    }

    [Theory]
    [InlineData("https://issuer.example.com", "https://issuer.example.com/.well-known/openid-credential-issuer")]
    [InlineData("https://issuer.example.com/tenant", "https://issuer.example.com/.well-known/openid-credential-issuer/tenant")]
    [InlineData("https://tenant.issuer.example.com", "https://tenant.issuer.example.com/.well-known/openid-credential-issuer")]
    [InlineData("http://127.0.0.1:5000/a/b", "http://127.0.0.1:5000/.well-known/openid-credential-issuer/a/b")]
    public void GetWellKnownUri_IssuerIdentifier_InsertsBetweenHostAndPath(string issuer, string expected)
    {
        Assert.Equal(expected, CredentialIssuerMetadata.GetWellKnownUri(issuer));
    }

    [Fact]
    public void GetWellKnownUri_AuthorizationServerWithPath_FollowsRfc8414()
    {
        Assert.Equal("https://as.example.com/.well-known/oauth-authorization-server/issuer1", AuthorizationServerMetadata.GetWellKnownUri("https://as.example.com/issuer1"));
    }

    [Fact]
    public void GetWellKnownUri_WithQuery_Throws()
    {
        Assert.Throws<System.ArgumentException>(() => CredentialIssuerMetadata.GetWellKnownUri("https://issuer.example.com/?a=b"));
    }

    [Fact]
    public void AuthorizationServerMetadata_ToJsonParse_RoundTripsAnonymousAccess()
    {
        var metadata = new AuthorizationServerMetadata
        {
            Issuer = "https://issuer.example.jp",
            TokenEndpoint = "https://issuer.example.jp/token",
            GrantTypesSupported = [CredentialOffer.PreAuthorizedCodeGrantType],
            PreAuthorizedGrantAnonymousAccessSupported = true,
        };

        var parsed = AuthorizationServerMetadata.Read(Encoding.UTF8.GetBytes(metadata.ToJson()));

        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        Assert.True(parsed.Value.PreAuthorizedGrantAnonymousAccessSupported);
        Assert.Equal(metadata.GrantTypesSupported, parsed.Value.GrantTypesSupported);
    }

    [Theory]
    [InlineData("{\"issuer\":\"https://a.example\"}")]
    [InlineData("{\"issuer\":\"https://a.example\",\"token_endpoint\":\"https://a.example/t\",\"pre-authorized_grant_anonymous_access_supported\":\"yes\"}")]
    public void AuthorizationServerMetadata_Invalid_FailsWithInvalidMetadata(string json)
    {
        Assert.Equal(OpenId4VciErrors.InvalidMetadata, AuthorizationServerMetadata.Read(Encoding.UTF8.GetBytes(json)).Error?.Code);
    }
}
