using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Mdoc;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.Mdoc;

/// <summary>Issue → present → verify, with IACA-rooted document signers (ES256 and ES384) and an ES256 device key.</summary>
public sealed class MdocCoreRoundTripTests
{
    private static readonly SessionTranscript s_transcript = SessionTranscript.ForOpenId4Vp("x509_san_dns:verifier.example", "n-0S6_WzA2Mj", null, "https://verifier.example/response");

    internal static Dictionary<string, IReadOnlyDictionary<string, MdocValue>> LicenceElements() => new()
    {
        [MdocNamespaces.Mdl] = new Dictionary<string, MdocValue>
        {
            ["family_name"] = MdocValue.FromText("YAMADA"),
            ["given_name"] = MdocValue.FromText("TARO"),
            ["family_name_national_character"] = MdocValue.FromText("山田"),
            ["given_name_national_character"] = MdocValue.FromText("太郎"),
            ["birth_date"] = MdocValue.FromFullDate(new DateOnly(1990, 4, 2)),
            ["issue_date"] = MdocValue.FromFullDate(new DateOnly(2026, 1, 10)),
            ["expiry_date"] = MdocValue.FromFullDate(new DateOnly(2031, 2, 2)),
            ["issuing_country"] = MdocValue.FromText("JP"),
            ["document_number"] = MdocValue.FromText("123456789012"),
            ["age_over_18"] = MdocValue.FromBoolean(true),
            ["age_over_20"] = MdocValue.FromBoolean(true),
            ["driving_privileges"] = MdocValue.FromArray(
                MdocValue.FromMap(
                    new("vehicle_category_code", MdocValue.FromText("B")),
                    new("issue_date", MdocValue.FromFullDate(new DateOnly(2010, 5, 1))),
                    new("codes", MdocValue.FromArray(MdocValue.FromMap(new KeyValuePair<string, MdocValue>("code", MdocValue.FromText("01"))))))),
        },
    };

    internal static async Task<(IssuerSigned Issued, SigningKey DeviceKey)> IssueAsync(MdocCoreTestIssuer issuer, DateTimeOffset? now = null)
    {
        var deviceKey = SigningKey.Create(JwsAlgorithm.Es256);
        var mdocIssuer = new MdocIssuer(issuer.Signer, issuer.Chain, new MdocIssuerOptions { TimeProvider = new FakeTimeProvider(now ?? MdocCoreTestIssuer.Now), Validity = TimeSpan.FromDays(180) });
        var issued = await mdocIssuer.IssueAsync(new MdocIssuance
        {
            DocType = MdocDocTypes.Mdl,
            NameSpaces = LicenceElements(),
            DeviceKey = deviceKey.PublicJwk,
        });
        return (issued, deviceKey);
    }

    internal static MdocVerifier Verifier(MdocCoreTestIssuer issuer, DateTimeOffset? now = null) => new(new MdocVerifierOptions
    {
        TrustAnchors = [issuer.Iaca],
        TimeProvider = new FakeTimeProvider(now ?? MdocCoreTestIssuer.Now.AddDays(1)),
    });

    internal static async Task<byte[]> PresentAsync(IssuerSigned issued, SigningKey deviceKey, SessionTranscript transcript, params string[] elements)
    {
        var response = await MdocHolder.PresentAsync(
            [new MdocPresentationInput(IssuerSigned.Read(issued.Encode()).Value, new Dictionary<string, IReadOnlyCollection<string>> { [MdocNamespaces.Mdl] = elements }, deviceKey)],
            transcript);
        return response.Encode();
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("ES384")]
    public async Task IssuePresentVerify_ChainToIaca_VerifiesSelectedElements(string algorithm)
    {
        JwsAlgorithm.TryGet(algorithm, out var alg);
        using var issuer = MdocCoreTestIssuer.Create(alg!);
        var (issued, deviceKey) = await IssueAsync(issuer);
        using (deviceKey)
        {
            var encoded = await PresentAsync(issued, deviceKey, s_transcript, "family_name_national_character", "age_over_20", "driving_privileges");

            var result = Verifier(issuer).Verify(encoded, s_transcript);

            Assert.True(result.IsValid, result.Error?.ToString());
            var document = Assert.Single(result.Value.Documents);
            Assert.Equal(MdocDocTypes.Mdl, document.DocType);
            Assert.Equal(MdocDeviceAuthenticationKind.Signature, document.DeviceAuthentication);
            Assert.True(document.TryGetElement(MdocNamespaces.Mdl, "family_name_national_character", out var kanji));
            Assert.True(kanji.TryGetString(out var name));
            Assert.Equal("山田", name);
            Assert.True(document.TryGetElement(MdocNamespaces.Mdl, "age_over_20", out var age));
            Assert.True(age.TryGetBoolean(out var over20) && over20);
            Assert.Equal(3, document.Elements[MdocNamespaces.Mdl].Count);
            Assert.All(result.Checks, c => Assert.Equal(CheckOutcome.Passed, c.Outcome));
        }
    }

    [Fact]
    public async Task Present_DisclosesOnlyTheSelectedItems()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        var (issued, deviceKey) = await IssueAsync(issuer);
        using (deviceKey)
        {
            var encoded = await PresentAsync(issued, deviceKey, s_transcript, "age_over_20");

            var response = DeviceResponse.Read(encoded).Value;
            var items = Assert.Single(response.Documents).IssuerSigned.NameSpaces[MdocNamespaces.Mdl];
            Assert.Equal("age_over_20", Assert.Single(items).ElementIdentifier);

            // No other element's bytes are on the wire (the MSO holds digests only).
            Assert.DoesNotContain(System.Text.Encoding.UTF8.GetBytes("YAMADA"), [.. Windows(encoded, 6)], new ByteArrayComparer());
        }
    }

    [Fact]
    public async Task Verify_OtherTranscript_IsInvalidDeviceSignature()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        var (issued, deviceKey) = await IssueAsync(issuer);
        using (deviceKey)
        {
            var encoded = await PresentAsync(issued, deviceKey, s_transcript, "age_over_20");
            var other = SessionTranscript.ForOpenId4Vp("x509_san_dns:verifier.example", "another-nonce", null, "https://verifier.example/response");

            var result = Verifier(issuer).Verify(encoded, other);

            Assert.Equal(MdocErrors.InvalidDeviceSignature, result.Error?.Code);
            Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(MdocCheckKind.DeviceAuthentication));
            Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(MdocCheckKind.Digests));
        }
    }

    [Fact]
    public async Task Verify_SignedByAnotherDeviceKey_IsInvalidDeviceSignature()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        var (issued, deviceKey) = await IssueAsync(issuer);
        using var otherKey = SigningKey.Create(JwsAlgorithm.Es256);
        deviceKey.Dispose();

        var encoded = await PresentAsync(issued, otherKey, s_transcript, "age_over_20");

        Assert.Equal(MdocErrors.InvalidDeviceSignature, Verifier(issuer).Verify(encoded, s_transcript).Error?.Code);
    }

    [Fact]
    public async Task Verify_UnknownIaca_IsUntrustedIssuer()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        using var stranger = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256, "Another IACA");
        var (issued, deviceKey) = await IssueAsync(issuer);
        using (deviceKey)
        {
            var encoded = await PresentAsync(issued, deviceKey, s_transcript, "age_over_20");

            var result = Verifier(stranger).Verify(encoded, s_transcript);

            Assert.Equal(Credentials.Mdoc.Certificates.MdocCertificateErrors.UntrustedChain, result.Error?.Code);
            Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(MdocCheckKind.IssuerTrust));
        }
    }

    [Fact]
    public async Task Verify_AfterValidUntil_IsExpired_AndBeforeValidFrom_IsNotYetValid()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        var (issued, deviceKey) = await IssueAsync(issuer);
        using (deviceKey)
        {
            var encoded = await PresentAsync(issued, deviceKey, s_transcript, "age_over_20");

            Assert.Equal(MdocErrors.Expired, Verifier(issuer, MdocCoreTestIssuer.Now.AddDays(200)).Verify(encoded, s_transcript).Error?.Code);
            Assert.Equal(MdocErrors.NotYetValid, Verifier(issuer, MdocCoreTestIssuer.Now.AddMinutes(-5)).Verify(encoded, s_transcript).Error?.Code);
        }
    }

    [Fact]
    public async Task VerifyIssuerSigned_IssuerSideOnly_ReportsDeviceAuthenticationNotChecked()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        var (issued, deviceKey) = await IssueAsync(issuer);
        deviceKey.Dispose();

        var result = Verifier(issuer).VerifyIssuerSigned(issued.Encode());

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(12, result.Value.Documents[0].Elements[MdocNamespaces.Mdl].Count);
        Assert.Equal(CheckOutcome.NotChecked, result.OutcomeOf(MdocCheckKind.DeviceAuthentication));
    }

    private static IEnumerable<byte[]> Windows(byte[] data, int size)
    {
        for (var i = 0; i + size <= data.Length; i++)
        {
            yield return data[i..(i + size)];
        }
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
