using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Xunit;

namespace Credentials.Tests.W3c;

/// <summary><see cref="W3cPresentationVerifier"/>: the presentation's proof binds it to a request and to its holder, who must be the subject.</summary>
public sealed class W3cPresentationVerifierTests : IDisposable
{
    private const string Challenge = "n-0S6_WzA2Mj";
    private const string Domain = "x509_san_dns:verifier.example";

    private static readonly DidResolver Resolver = new([DidKeyResolver.Instance, DidJwkResolver.Instance]);

    private readonly SigningKey _issuer = SigningKey.Create(JwsAlgorithm.EdDsa);
    private readonly SigningKey _holder = SigningKey.Create(JwsAlgorithm.EdDsa);

    public void Dispose()
    {
        _issuer.Dispose();
        _holder.Dispose();
    }

    private static string Method(SigningKey key) => DidKey.GetKeyId(DidKey.Create(key)).ToString();

    private async Task<W3cCredential> CredentialAsync(string subject)
    {
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["issuer"] = new JsonObject { ["id"] = DidKey.Create(_issuer).ToString(), ["type"] = new JsonArray("Profile") },
            ["validFrom"] = "2024-01-01T00:00:00Z",
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = subject,
                ["type"] = new JsonArray("AchievementSubject"),
                ["achievement"] = new JsonObject { ["id"] = "https://example.edu/a/1", ["type"] = new JsonArray("Achievement"), ["name"] = "Teamwork" },
            },
        };
        var secured = await new DataIntegrityIssuer(_issuer, Method(_issuer)).AddProofAsync(credential, new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022 });
        return W3cCredential.Read(secured.ToJsonString()).GetValueOrThrow();
    }

    private static async Task<string> PresentAsync(W3cCredential credential, string? holder, SigningKey signer, string challenge = Challenge, string domain = Domain)
    {
        var builder = new W3cPresentationBuilder().Credential(credential);
        if (holder is not null)
        {
            builder.Holder(holder);
        }

        var secured = await new DataIntegrityIssuer(signer, Method(signer)).AddProofAsync(
            JsonNode.Parse(builder.Build().ToJson())!.AsObject(),
            new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022, ProofPurpose = ProofPurposes.Authentication, Challenge = challenge, Domain = [domain] });
        return secured.ToJsonString();
    }

    private W3cPresentationVerifier Verifier(W3cPresentationVerifierOptions? options = null)
        => new(Resolver, new W3cCredentialVerifier(Resolver), options);

    [Fact]
    public async Task VerifyDataIntegrity_HolderIsSubject_Valid()
    {
        var holder = DidKey.Create(_holder).ToString();
        var presentation = await PresentAsync(await CredentialAsync(holder), holder, _holder);

        var result = await Verifier().VerifyDataIntegrityAsync(presentation, Challenge, Domain);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(holder, result.Value.Holder);
        Assert.Equal(W3cSecuringMechanisms.DataIntegrity("eddsa-rdfc-2022"), result.Value.SecuringMechanism);
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.HolderTrust));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Credentials));
    }

    [Fact]
    public async Task VerifyDataIntegrity_NoHolder_HolderMissing()
    {
        var holder = DidKey.Create(_holder).ToString();
        var presentation = await PresentAsync(await CredentialAsync(holder), null, _holder);

        var result = await Verifier().VerifyDataIntegrityAsync(presentation, Challenge, Domain);

        Assert.Equal(W3cPresentationErrors.HolderMissing, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.HolderTrust));
    }

    [Fact]
    public async Task VerifyDataIntegrity_SignedByAnotherKeyThanTheHolder_HolderKeyMismatch()
    {
        var holder = DidKey.Create(_holder).ToString();
        using var other = SigningKey.Create(JwsAlgorithm.EdDsa);
        var presentation = await PresentAsync(await CredentialAsync(holder), holder, other);

        var result = await Verifier().VerifyDataIntegrityAsync(presentation, Challenge, Domain);

        Assert.Equal(W3cPresentationErrors.HolderKeyMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task VerifyDataIntegrity_SubjectIsSomeoneElse_HolderNotSubjectUnlessAllowed()
    {
        var holder = DidKey.Create(_holder).ToString();
        var presentation = await PresentAsync(await CredentialAsync("did:example:someone-else"), holder, _holder);

        var strict = await Verifier().VerifyDataIntegrityAsync(presentation, Challenge, Domain);
        var lenient = await Verifier(new W3cPresentationVerifierOptions { RequireHolderIsSubject = false }).VerifyDataIntegrityAsync(presentation, Challenge, Domain);

        Assert.Equal(W3cPresentationErrors.HolderNotSubject, strict.Error!.Code);
        Assert.Equal(ClaimPath.Create("verifiableCredential", 0), strict.Error.Path);
        Assert.True(lenient.IsValid, lenient.Error?.ToString());
    }

    [Theory]
    [InlineData("other-challenge", Domain, "di.challenge_mismatch")]
    [InlineData(Challenge, "x509_san_dns:other.example", "di.domain_mismatch")]
    public async Task VerifyDataIntegrity_OtherRequest_FailsHolderTrust(string challenge, string domain, string code)
    {
        var holder = DidKey.Create(_holder).ToString();
        var presentation = await PresentAsync(await CredentialAsync(holder), holder, _holder);

        var result = await Verifier().VerifyDataIntegrityAsync(presentation, challenge, domain);

        Assert.Equal(code, result.Error!.Code.Value);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.HolderTrust));
    }

    [Fact]
    public async Task VerifyDataIntegrity_TamperedCredentialInside_FailsCredentials()
    {
        var holder = DidKey.Create(_holder).ToString();
        var credential = JsonNode.Parse((await CredentialAsync(holder)).ToJson())!.AsObject();
        credential["credentialSubject"]!["achievement"]!["name"] = "Leadership";
        var presentation = await PresentAsync(W3cCredential.Read(credential.ToJsonString()).GetValueOrThrow(), holder, _holder);

        var result = await Verifier().VerifyDataIntegrityAsync(presentation, Challenge, Domain);

        Assert.Equal(DataIntegrityErrors.InvalidSignature, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.Credentials));
    }

    [Fact]
    public async Task VerifyDataIntegrity_NotJson_DataModelFailure()
    {
        var result = await Verifier().VerifyDataIntegrityAsync("[]", Challenge, Domain);

        Assert.False(result.IsValid);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.DataModel));
    }
}
