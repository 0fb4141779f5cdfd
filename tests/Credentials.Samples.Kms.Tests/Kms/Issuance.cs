using System.Text;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Xunit;

namespace Credentials.Samples.Kms.Tests.Kms;

/// <summary>What both adapters must give: JWSs and SD-JWT VCs the library's verifier accepts under the published key.</summary>
internal static class Issuance
{
    public static async Task AssertSignsVerifiableJwsAsync(ISigner signer, Jwk publishedKey)
    {
        var token = await JwsWriter.SignCompactAsync(signer, Encoding.UTF8.GetBytes("{\"iss\":\"https://issuer.example.jp\"}"), "jwt");
        var jws = Jws.ReadCompact(token).Value;
        using var key = VerificationKey.FromJwk(publishedKey).Value;

        Assert.Equal(signer.Algorithm.Name, jws.AlgorithmName);
        Assert.Equal(signer.KeyId, jws.KeyId);
        Assert.Null(jws.VerifySignature(key));
    }

    public static async Task AssertIssuesVerifiableSdJwtVcAsync(ISigner signer, Jwk publishedKey)
    {
        var issuer = new SdJwtVcIssuer(signer, new SdJwtVcIssuerOptions { Issuer = "https://issuer.example.jp" });
        var credential = await issuer.IssueAsync(new SdJwtVcIssuance
        {
            Vct = "https://issuer.example.jp/vct/exam-certificate",
            Claims = SdJwtPayload.Create().Claim("grade", 1),
        });
        var jws = Jws.ReadCompact(credential.IssuerSignedJwt).Value;
        using var key = VerificationKey.FromJwk(publishedKey).Value;

        Assert.Null(jws.VerifySignature(key));
    }
}
