using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Testing;
using Credentials.Trust;
using Credentials.W3c;
using Credentials.W3c.VcJose;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.W3c.VcJose;

/// <summary>VC-JOSE-COSE section 3.1.2: presentations secured as application/vp+jwt, with enveloped credentials.</summary>
public sealed class VcJwtPresentationTests : IDisposable
{
    private const string IssuerId = "https://exam.example.jp/issuers/1";
    private const string HolderId = "https://hanako.example.jp";
    private static readonly DateTimeOffset s_now = new(2026, 4, 1, 3, 0, 0, TimeSpan.Zero);

    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256, IssuerId + "#key-1");
    private readonly SigningKey _holderKey = SigningKey.Create(JwsAlgorithm.EdDsa, HolderId + "#key-1");
    private readonly FakeTimeProvider _clock = TestClock.At(s_now);

    public void Dispose()
    {
        _issuerKey.Dispose();
        _holderKey.Dispose();
    }

    private VcJwtVerifier Verifier(IW3cProofVerifier? embedded = null) => new(
        new StaticIssuerKeyResolver([new KeyValuePair<string, Jwk>(IssuerId, _issuerKey.PublicJwk), new KeyValuePair<string, Jwk>(HolderId, _holderKey.PublicJwk)]),
        new VcJwtVerifierOptions { TimeProvider = _clock },
        embedded);

    private async Task<string> IssueCertificateAsync(DateTimeOffset? validUntil = null)
    {
        var builder = new W3cCredentialBuilder()
            .Type("ExamCertificate")
            .Issuer(IssuerId)
            .ValidFrom(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(9)))
            .Subject(s => s.Id(HolderId).Claim("examName", "基本情報技術者試験"));
        if (validUntil is { } until)
        {
            builder.ValidUntil(until);
        }

        return await new VcJwtIssuer(_issuerKey).IssueAsync(builder.Build());
    }

    private Task<string> PresentAsync(Action<W3cPresentationBuilder> build, VcJwtIssuerOptions? options = null)
    {
        var builder = new W3cPresentationBuilder().Holder(HolderId);
        build(builder);
        return new VcJwtHolder(_holderKey, options).PresentAsync(builder.Build()).AsTask();
    }

    [Fact]
    public async Task Verify_PresentationOfAnEnvelopedVcJwt_VerifiesBoth()
    {
        var vcJwt = await IssueCertificateAsync();
        var vpJwt = await PresentAsync(p => p.EnvelopedVcJwt(vcJwt));

        var result = await Verifier().VerifyPresentationAsync(vpJwt);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(W3cSecuringMechanisms.VpJwt, result.Value.SecuringMechanism);
        Assert.Equal(HolderId, result.Value.Holder);
        Assert.Equal(HolderId + "#key-1", result.Value.VerificationMethod);
        var credential = Assert.Single(result.Value.Credentials);
        Assert.Equal(IssuerId, credential.Issuer);
        Assert.Equal(W3cSecuringMechanisms.VcJwt, credential.SecuringMechanism);
        Assert.Equal(
            [W3cCheckKind.Proof, W3cCheckKind.HolderTrust, W3cCheckKind.DataModel, W3cCheckKind.ValidityPeriod, W3cCheckKind.Credentials],
            result.Checks.Select(c => c.Check));
        Assert.All(result.Checks, c => Assert.Equal(CheckOutcome.Passed, c.Outcome));
        Assert.True(Assert.Single(result.CredentialResults).IsValid);
    }

    [Fact]
    public async Task PresentAsync_Header_HasTypVpJwt()
    {
        var vpJwt = await PresentAsync(p => p.EnvelopedVcJwt("a.b.c"), new VcJwtIssuerOptions { IncludeContentType = true });

        var header = Jws.ReadCompact(vpJwt).Value.Header;
        Assert.Equal("vp+jwt", header.GetProperty("typ").GetString());
        Assert.Equal("vp", header.GetProperty("cty").GetString());
    }

    [Fact]
    public async Task Verify_VcJwtGivenToThePresentationVerifier_FailsWithInvalidType()
    {
        var vcJwt = await IssueCertificateAsync();

        Assert.Equal(JoseErrors.InvalidType, (await Verifier().VerifyPresentationAsync(vcJwt)).Error!.Code);
        Assert.Equal(JoseErrors.InvalidType, (await Verifier().VerifyCredentialAsync(await PresentAsync(p => p.EnvelopedVcJwt(vcJwt)))).Error!.Code);
    }

    [Fact]
    public async Task Verify_ExpiredPresentedCredential_FailsWithItsCodeAndPath()
    {
        var vcJwt = await IssueCertificateAsync(validUntil: s_now.AddDays(-1));
        var vpJwt = await PresentAsync(p => p.EnvelopedVcJwt(vcJwt));

        var result = await Verifier().VerifyPresentationAsync(vpJwt);

        Assert.Equal(VcErrors.Expired, result.Error!.Code);
        Assert.Equal(VerificationFailureKind.Expired, result.Error.Kind);
        Assert.Equal(ClaimPath.Create("verifiableCredential", 0), result.Error.Path);
        Assert.Equal(VcErrors.Expired, result.Error.Inner!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.Credentials));
        Assert.Equal(CheckOutcome.Failed, Assert.Single(result.CredentialResults).OutcomeOf(W3cCheckKind.ValidityPeriod));
    }

    [Fact]
    public async Task Verify_EnvelopedCredentialWithBrokenJws_FailsUnlessLeftToTheCaller()
    {
        var vpJwt = await PresentAsync(p => p.EnvelopedVcJwt("yJraWQiOiJFeEhr.eyJ.c2ln"));

        var all = await Verifier().VerifyPresentationAsync(vpJwt);
        var left = await Verifier().VerifyPresentationAsync(vpJwt, PresentedCredentialVerification.LeaveToCaller);

        Assert.True(all.Error!.Code.IsInFamily("jose"));
        Assert.True(left.IsValid, left.Error?.ToString());
        Assert.Equal(CheckOutcome.NotChecked, left.OutcomeOf(W3cCheckKind.Credentials));
        Assert.Empty(left.Value.Credentials);
        Assert.Single(left.Value.Presentation.VerifiableCredentials);
    }

    [Theory]
    [InlineData("application/vc+sd-jwt")]
    [InlineData("application/vc+cose")]
    public async Task Verify_EnvelopeOfAnotherMediaType_FailsWithUnsupportedEnvelope(string mediaType)
    {
        var vpJwt = await PresentAsync(p => p.Credential(EnvelopedVerifiableCredential.Create(mediaType, "eyJ.eyJ.sig")));

        var result = await Verifier().VerifyPresentationAsync(vpJwt);

        Assert.Equal(VcJoseErrors.UnsupportedEnvelope, result.Error!.Code);
        Assert.True((await Verifier().VerifyPresentationAsync(vpJwt, PresentedCredentialVerification.LeaveToCaller)).IsValid);
    }

    [Fact]
    public async Task Verify_EmbeddedCredentialWithProof_IsVerifiedByTheEmbeddedProofVerifier()
    {
        var json = JsonNode.Parse(new W3cCredentialBuilder().Issuer(IssuerId).Subject(s => s.Claim("examName", "FE")).Build().ToJson())!.AsObject();
        json["proof"] = JsonNode.Parse("{\"type\":\"DataIntegrityProof\",\"cryptosuite\":\"eddsa-rdfc-2022\",\"proofValue\":\"z5\"}");
        var embedded = W3cCredential.Read(json.ToJsonString()).Value;
        var vpJwt = await PresentAsync(p => p.Credential(embedded));
        var proofs = new StubProofVerifier();

        var without = await Verifier().VerifyPresentationAsync(vpJwt);
        var with = await Verifier(proofs).VerifyPresentationAsync(vpJwt);

        Assert.Equal(VcJoseErrors.UnsupportedEnvelope, without.Error!.Code);
        Assert.True(with.IsValid, with.Error?.ToString());
        Assert.Equal(1, proofs.Calls);
        Assert.Equal("DataIntegrityProof/eddsa-rdfc-2022", Assert.Single(with.Value.Credentials).SecuringMechanism);
    }

    [Fact]
    public async Task Verify_SelfAssertedCredential_IsSecuredByThePresentation()
    {
        var selfAsserted = new W3cCredentialBuilder().Issuer(HolderId).Subject(s => s.Id(HolderId).Claim("nickname", "はなこ")).Build();
        var vpJwt = await PresentAsync(p => p.Credential(selfAsserted));

        var result = await Verifier().VerifyPresentationAsync(vpJwt);

        Assert.True(result.IsValid, result.Error?.ToString());
        var credential = Assert.Single(result.Value.Credentials);
        Assert.Equal(W3cSecuringMechanisms.SelfAsserted, credential.SecuringMechanism);
        Assert.Equal(HolderId + "#key-1", credential.VerificationMethod);
    }

    [Fact]
    public async Task Verify_UnsecuredCredentialOfAnotherIssuer_FailsAtDataModel()
    {
        var payload = JsonNode.Parse($$"""
            {"@context": "https://www.w3.org/ns/credentials/v2", "type": "VerifiablePresentation", "holder": "{{HolderId}}",
             "verifiableCredential": [{"@context": "https://www.w3.org/ns/credentials/v2", "type": "VerifiableCredential", "issuer": "{{IssuerId}}", "credentialSubject": {"name": "x"} } ] }
            """)!;
        var vpJwt = JwsWriter.SignCompact(_holderKey, Encoding.UTF8.GetBytes(payload.ToJsonString()), "vp+jwt");

        var result = await Verifier().VerifyPresentationAsync(vpJwt);

        Assert.Equal(VcErrors.UnsecuredCredential, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.DataModel));
    }

    [Fact]
    public async Task Verify_IssOtherThanTheHolder_FailsWithHolderMismatch()
    {
        var payload = JsonNode.Parse($$"""{"@context": "https://www.w3.org/ns/credentials/v2", "type": "VerifiablePresentation", "holder": "{{HolderId}}", "iss": "https://mallory.example"}""")!;
        var vpJwt = JwsWriter.SignCompact(_holderKey, Encoding.UTF8.GetBytes(payload.ToJsonString()), "vp+jwt");

        var result = await Verifier().VerifyPresentationAsync(vpJwt);

        Assert.Equal(VcJoseErrors.HolderMismatch, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.HolderTrust));
    }

    [Fact]
    public async Task Verify_NoHolder_ResolvesTheKeyOfIss()
    {
        var payload = JsonNode.Parse($$"""{"@context": "https://www.w3.org/ns/credentials/v2", "type": "VerifiablePresentation", "iss": "{{HolderId}}"}""")!;
        var vpJwt = JwsWriter.SignCompact(_holderKey, Encoding.UTF8.GetBytes(payload.ToJsonString()), "vp+jwt");

        var result = await Verifier().VerifyPresentationAsync(vpJwt);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Null(result.Value.Holder);
    }

    [Fact]
    public async Task Verify_HolderUrlWithoutIssAndARelativeKid_FailsWithMissingKeyId()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa, "key-1");
        var payload = JsonNode.Parse($$"""{"@context": "https://www.w3.org/ns/credentials/v2", "type": "VerifiablePresentation", "holder": "{{HolderId}}"}""")!;
        var vpJwt = JwsWriter.SignCompact(key, Encoding.UTF8.GetBytes(payload.ToJsonString()), "vp+jwt");

        Assert.Equal(VcJoseErrors.MissingKeyId, (await new VcJwtVerifier(new StaticIssuerKeyResolver(key.PublicJwk)).VerifyPresentationAsync(vpJwt)).Error!.Code);
    }

    [Fact]
    public async Task Verify_ExpiredPresentationJwt_FailsWithExpired()
    {
        var vpJwt = await PresentAsync(p => p.EnvelopedVcJwt("a.b.c"), new VcJwtIssuerOptions { TimeProvider = TestClock.At(s_now.AddHours(-2)), SignatureLifetime = TimeSpan.FromHours(1), IncludeIssuedAt = true });

        var result = await Verifier().VerifyPresentationAsync(vpJwt, PresentedCredentialVerification.LeaveToCaller);

        Assert.Equal(VcJoseErrors.Expired, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.ValidityPeriod));
    }

    [Fact]
    public async Task Verify_VpClaimInPresentation_FailsWithForbiddenClaim()
    {
        var payload = JsonNode.Parse($$"""{"@context": "https://www.w3.org/ns/credentials/v2", "type": "VerifiablePresentation", "holder": "{{HolderId}}", "vp": {} }""")!;
        var vpJwt = JwsWriter.SignCompact(_holderKey, Encoding.UTF8.GetBytes(payload.ToJsonString()), "vp+jwt");

        Assert.Equal(VcJoseErrors.ForbiddenClaim, (await Verifier().VerifyPresentationAsync(vpJwt)).Error!.Code);
    }

    [Fact]
    public async Task PresentAsync_IssOfAnotherHolder_Throws()
    {
        var presentation = W3cPresentation.Read($$"""{"@context": "https://www.w3.org/ns/credentials/v2", "type": "VerifiablePresentation", "holder": "{{HolderId}}", "iss": "https://mallory.example"}""").Value;

        await Assert.ThrowsAsync<ArgumentException>(() => new VcJwtHolder(_holderKey).PresentAsync(presentation).AsTask());
    }

    private sealed class StubProofVerifier : IW3cProofVerifier
    {
        public int Calls { get; private set; }

        public ValueTask<W3cVerificationResult> VerifyAsync(W3cCredential credential, CancellationToken cancellationToken = default)
        {
            Calls++;
            var checks = W3cChecks.ForCredential();
            checks.Pass(W3cCheckKind.Proof);
            return ValueTask.FromResult(checks.Success(new VerifiedW3cCredential(credential, W3cSecuringMechanisms.DataIntegrity("eddsa-rdfc-2022"), null, "eddsa-rdfc-2022")));
        }
    }
}
