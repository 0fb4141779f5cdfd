using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Testing;
using Credentials.Trust;
using Credentials.W3c;
using Credentials.W3c.VcJose;
using Xunit;

namespace Credentials.Conformance.Tests.W3c.VcJose;

/// <summary>
/// The application/vc+jwt forms of Bitstring Status List 1.0 examples 4 and 5 (w3c/vc-bitstring-status-list REC).
/// Their signing key was generated at render time and never published, so they are checked as far as that allows:
/// they decode, their payload is the unsigned credential, it conforms to the data model, and the verifier reaches
/// the key-discovery step, where it refuses the bare-thumbprint <c>kid</c> without <c>iss</c> (VC-JOSE-COSE section 4.3).
/// </summary>
public sealed class BitstringStatusListJwtTests
{
    public static TheoryData<string> Examples => ["ex4-revocable-credential", "ex5-status-list-credential"];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Decode_VcJwt_PayloadIsTheUnsignedCredentialAndConforms(string example)
    {
        var jws = Jws.ReadCompact(Read(example + ".vc-jwt.txt"));

        Assert.True(jws.IsValid, jws.Error?.ToString());
        Assert.Equal("ES256", jws.Value.AlgorithmName);
        Assert.Null(jws.Value.Type);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(jws.Value.Payload.Span), JsonNode.Parse(Read(example + ".unsigned.json"))));
        Assert.False(JsonDocument.Parse(jws.Value.Payload).RootElement.TryGetProperty("vc", out _));

        var credential = W3cCredential.Read(jws.Value.Payload.Span);
        Assert.True(credential.IsValid, credential.Error?.ToString());
        Assert.Equal("did:example:12345", credential.Value.Issuer.Id);
        Assert.Null(credential.Value.ValidateForIssuance(new W3cIssuanceOptions()));
    }

    [Fact]
    public void Decode_RevocableCredential_HasItsBitstringStatusListEntry()
    {
        var credential = W3cCredential.Read(Jws.ReadCompact(Read("ex4-revocable-credential.vc-jwt.txt")).Value.Payload.Span).Value;

        var status = Assert.Single(credential.CredentialStatus);
        Assert.True(status.HasType("BitstringStatusListEntry"));
        Assert.Equal("94567", status.Json.GetProperty("statusListIndex").GetString());
        Assert.Equal("https://example.com/credentials/status/3", status.Json.GetProperty("statusListCredential").GetString());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Verify_VcJwt_ReachesKeyDiscoveryAndRefusesAThumbprintKidWithoutIss(string example)
    {
        using var anyKey = SigningKey.Create(JwsAlgorithm.Es256);
        var verifier = new VcJwtVerifier(new StaticIssuerKeyResolver(anyKey.PublicJwk), new VcJwtVerifierOptions
        {
            RequireTypeHeader = false, // the examples have no typ
            TimeProvider = TestClock.At(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)),
        });

        var result = await verifier.VerifyCredentialAsync(Read(example + ".vc-jwt.txt"));

        Assert.Equal(VcJoseErrors.MissingKeyId, result.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.IssuerTrust));
        Assert.Equal(CheckOutcome.NotReached, result.OutcomeOf(W3cCheckKind.Proof));
    }

    private static string Read(string file)
        => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "vc-jose-cose", "bitstring-status-list", file)).Trim();
}
