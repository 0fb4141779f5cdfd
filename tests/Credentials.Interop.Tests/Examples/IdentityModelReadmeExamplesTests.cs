using System.Security.Cryptography;
using System.Threading.Tasks;
using Credentials;
using Credentials.IdentityModel;
using Credentials.Keys;
using Credentials.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Credentials.Interop.Tests.Examples;

/// <summary>The Credentials.IdentityModel README's example lives here so it compiles and runs; a test keeps the README's copy identical.</summary>
public sealed class IdentityModelReadmeExamplesTests
{
    private const string Readme = "src/Credentials.IdentityModel/README.md";
    private const string Source = "tests/Credentials.Interop.Tests/Examples/IdentityModelReadmeExamplesTests.cs";

    [Fact]
    public async Task IdentityModelReadme_Runs_ConvertsTheKeyAndSignsAValidEdDsaJwt()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var configured = new ECDsaSecurityKey(ecdsa);

        var (jwt, issuerAlgorithm, issuerPublicJwk, jwtKey) = IdentityModelReadme(configured);

        Assert.Equal(JwsAlgorithm.Es256, issuerAlgorithm);
        Assert.Equal(configured.ToJwk().ComputeThumbprint(), issuerPublicJwk.ComputeThumbprint());
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = "https://issuer.example",
            ValidateAudience = false,
            ValidateLifetime = false,
            IssuerSigningKey = jwtKey.ToJsonWebKey(),
            ValidAlgorithms = ["EdDSA"],
            CryptoProviderFactory = CredentialsCryptoProviderFactory.Shared,
        });
        Assert.True(validation.IsValid, validation.Exception?.ToString());
        Assert.Equal("EdDSA", ((JsonWebToken)validation.SecurityToken).Alg);
    }

    [Fact]
    public void IdentityModelReadme_Snippet_MatchesCompiledCode()
    {
        Assert.Equal(ReadmeSnippet.Region(Source, "IdentityModelReadme"), ReadmeSnippet.Code(Readme));
        Assert.All(ReadmeSnippet.Usings(Readme), u => Assert.Contains(u, ReadmeSnippet.SourceUsings(Source)));
    }

    private static (string Jwt, JwsAlgorithm IssuerAlgorithm, Jwk IssuerPublicJwk, Jwk JwtKey) IdentityModelReadme(SecurityKey configuredSecurityKey)
    {
        #region IdentityModelReadme
        // An existing IdentityModel key (for example from configuration), used to sign SD-JWT VCs.
        using SigningKey issuerKey = configuredSecurityKey.ToSigningKey();

        // A Credentials Ed25519 key, used with JsonWebTokenHandler.
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        string jwt = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://issuer.example",
            SigningCredentials = new SigningCredentials(key.ToSecurityKey(), "EdDSA"),
        });
        #endregion
        return (jwt, issuerKey.Algorithm, issuerKey.PublicJwk, key.PublicJwk);
    }
}
