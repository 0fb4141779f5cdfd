using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.JsonLd;
using Xunit;
using static Credentials.Interop.Tests.W3c.W3cPeers;

namespace Credentials.Interop.Tests.W3c;

/// <summary>
/// Data Integrity (<c>eddsa-rdfc-2022</c>, <c>ecdsa-rdfc-2019</c> with P-256) against <c>@digitalbazaar/vc</c> and
/// the Digital Bazaar cryptosuites, both directions, on an Open Badges 3.0 exam certificate in Japanese with the pinned
/// contexts. Each test also shows the receiving side refusing a copy whose achievement name was changed after signing,
/// so a side that accepts everything fails it.
/// </summary>
public sealed class DataIntegrityInteropTests
{
    public static TheoryData<string> Suites => new() { "eddsa-rdfc-2022", "ecdsa-rdfc-2019" };

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task OursSigned_VerifiedByDigitalBazaarVc_AndTamperedCopyRefused(string suiteName)
    {
        using var key = KeyFor(suiteName);
        var signed = await SignAsync(key, suiteName);

        var accepted = await DigitalBazaarVerifyAsync(signed);
        var refused = await DigitalBazaarVerifyAsync(Tampered(signed));

        Assert.True(accepted["valid"]!.GetValue<bool>(), accepted.ToJsonString());
        Assert.False(refused["valid"]!.GetValue<bool>());
        Assert.NotEmpty(refused["errors"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task TheirsSigned_VerifiedByW3cCredentialVerifier_AndTamperedCopyRefused(string suiteName)
    {
        var theirs = await DigitalBazaarSignAsync(ExamCertificate("did:example:replaced-by-the-peer"), suiteName);
        var signed = theirs["credential"]!.AsObject();
        var verifier = OurVerifier();

        var accepted = await verifier.VerifyAsync(signed.ToJsonString());
        var refused = await verifier.VerifyAsync(Tampered(signed).ToJsonString());

        Assert.True(accepted.IsValid, accepted.Error?.ToString());
        Assert.Equal(W3cSecuringMechanisms.DataIntegrity(suiteName), accepted.Value.SecuringMechanism);
        Assert.Equal(theirs["issuer"]!.GetValue<string>(), accepted.Value.Issuer);
        Assert.Equal(theirs["verificationMethod"]!.GetValue<string>(), accepted.Value.VerificationMethod);
        Assert.Equal("基本情報技術者試験 合格証書", accepted.Value.Credential.Name?.ToString());
        Assert.Equal("Certifies a pass of the Fundamental Information Technology Engineer Examination.", accepted.Value.Credential.Description?.Get("en"));
        Assert.Equal(CheckOutcome.Passed, accepted.OutcomeOf(W3cCheckKind.Proof));
        Assert.False(refused.IsValid);
        Assert.Equal(DataIntegrityErrors.InvalidSignature, refused.Error.Code);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task TheirsSigned_VerifiedByDataIntegrityVerifier_AndTamperedCopyRefused(string suiteName)
    {
        var theirs = await DigitalBazaarSignAsync(ExamCertificate("did:example:replaced-by-the-peer"), suiteName);
        var signed = theirs["credential"]!.AsObject();
        var verifier = OurDataIntegrityVerifier();

        var accepted = await verifier.VerifyAsync(Element(signed), ProofRequirement.AssertionMethod);
        var refused = await verifier.VerifyAsync(Element(Tampered(signed)), ProofRequirement.AssertionMethod);

        Assert.True(accepted.IsValid, accepted.Error?.ToString());
        var proof = Assert.Single(accepted.Value.Proofs);
        Assert.Equal(suiteName, proof.Cryptosuite.Name);
        Assert.Equal(theirs["verificationMethod"]!.GetValue<string>(), proof.VerificationMethod!.Id.Value);
        Assert.False(refused.IsValid);
        Assert.Equal(DataIntegrityErrors.InvalidSignature, refused.Error.Code);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task OursSigned_VerifiedByOurVerifier_SoTheFixtureIsSound(string suiteName)
    {
        // The credential and the default pinned contexts are enough for our own verifier: what the peer accepts above is
        // not something only a lenient configuration would take.
        using var key = KeyFor(suiteName);
        var signed = await SignAsync(key, suiteName);

        var result = await OurVerifier().VerifyAsync(signed.ToJsonString());

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(DidKey.Create(key).Value, result.Value.Issuer);
    }

    private static SigningKey KeyFor(string suiteName)
        => SigningKey.Create(suiteName.StartsWith("ecdsa", StringComparison.Ordinal) ? JwsAlgorithm.Es256 : JwsAlgorithm.EdDsa);

    private static async Task<JsonObject> SignAsync(SigningKey key, string suiteName)
    {
        Assert.True(Cryptosuite.TryGet(suiteName, out var suite));
        var did = DidKey.Create(key);
        var issuer = new DataIntegrityIssuer(key, DidKey.GetKeyId(did).Value, new DataIntegrityIssuerOptions { DocumentLoader = PinnedJsonLdDocumentLoader.Default });
        return await issuer.AddProofAsync(ExamCertificate(did.Value), new DataIntegrityProofOptions { Cryptosuite = suite });
    }

    private static JsonElement Element(JsonNode node) => JsonElement.Parse(Encoding.UTF8.GetBytes(node.ToJsonString()));
}
