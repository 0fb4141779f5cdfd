using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
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
/// The W3C VC-JOSE-COSE test suite (w3c/vc-jose-cose-test-suite, tests/test-mapping.js): every JOSE case, issue and
/// verify, positive and negative, driven by <c>vectors/vc-jose-cose/test_mapping.json</c>. SD-JWT and COSE cases are
/// out of scope (specs/vc-jose-cose.md).
/// </summary>
public sealed class VcJoseCoseVectorTests
{
    private static readonly JsonElement s_mapping = Load("test_mapping.json");

    // Why each negative verification case fails here: the code proves the failure is the one the case is about.
    private static readonly Dictionary<int, ErrorCode> s_expectedFailures = new()
    {
        [9] = JoseErrors.UnsupportedAlgorithm,              // ES512 token, checked with an Ed25519 key (ES512 is not an algorithm of this library)
        [10] = JoseErrors.Malformed,                        // an unsecured credential is not a JWS: it is ignored (section 1.1.2)
        [11] = JoseErrors.Malformed,                        // an unsecured presentation likewise
        [12] = JoseErrors.InvalidSignature,
        [13] = JoseErrors.InvalidType,                      // typ bad+typ (and cty bad+cty)
        [14] = JoseErrors.InvalidType,
        [15] = VcJoseErrors.ForbiddenClaim,                 // vc and vp claims
        [16] = VcErrors.InvalidEnvelopedCredential,         // an enveloped credential whose id is not a data: URL
    };

    public static TheoryData<int> JoseCases()
    {
        var data = new TheoryData<int>();
        foreach (var c in s_mapping.GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("feature").GetString() is "credential_jose" or "presentation_jose")
            {
                data.Add(c.GetProperty("number").GetInt32());
            }
        }

        return data;
    }

    [Fact]
    public void Mapping_HasSixteenJoseCasesAndNineteenOutOfScope()
    {
        var jose = 0;
        var other = 0;
        foreach (var c in s_mapping.GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("feature").GetString()!.EndsWith("_jose", StringComparison.Ordinal))
            {
                jose++;
            }
            else
            {
                other++;
            }
        }

        Assert.Equal(16, jose);
        Assert.Equal(19, other);
    }

    [Theory]
    [MemberData(nameof(JoseCases))]
    public async Task JoseCase_GivesTheExpectedResult(int number)
    {
        var testCase = Case(number);
        var input = File.ReadAllText(VectorPath(testCase.GetProperty("input_file").GetString()!)).Trim();
        var method = LoadMethod(testCase.GetProperty("key_file").GetString()!);
        var isPresentation = testCase.GetProperty("feature").GetString() == "presentation_jose";
        var expectSuccess = testCase.GetProperty("expected_result").GetString() == "success";

        if (testCase.GetProperty("fn").GetString() == "issue")
        {
            await IssueCase(number, input, method, isPresentation, expectSuccess);
        }
        else
        {
            await VerifyCase(number, input, method, isPresentation, expectSuccess);
        }
    }

    private static async Task VerifyCase(int number, string input, JsonElement method, bool isPresentation, bool expectSuccess)
    {
        var verifier = new VcJwtVerifier(new MethodKeyResolver(method), new VcJwtVerifierOptions { TimeProvider = TestClock.At(ClockFor(input)) });

        // Section 5.1 verifies the presentation's own JWS and document; its enveloped credentials (here also SD-JWT and
        // COSE ones, signed with other keys) are the caller's to verify, as the test suite's reference does.
        var error = isPresentation
            ? (await verifier.VerifyPresentationAsync(input, PresentedCredentialVerification.LeaveToCaller)).Error
            : (await verifier.VerifyCredentialAsync(input)).Error;

        if (expectSuccess)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.NotNull(error);
            Assert.Equal(s_expectedFailures[number], error.Code);
        }
    }

    private static async Task IssueCase(int number, string input, JsonElement method, bool isPresentation, bool expectSuccess)
    {
        // P-521 (ES512) is not an algorithm of this library: the cases that use it are run with the suite's P-384 key.
        var signingMethod = IsP521(method) ? LoadMethod("input/vm-p384.json") : method;
        using var key = SigningKey.FromJwk(Jwk.Read(signingMethod.GetProperty("secretKeyJwk")).Value with { Kid = signingMethod.GetProperty("id").GetString() });
        var verifier = new VcJwtVerifier(new MethodKeyResolver(signingMethod), new VcJwtVerifierOptions { TimeProvider = TestClock.At(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)) });

        if (isPresentation)
        {
            var presentation = W3cPresentation.Read(input);
            Assert.True(presentation.IsValid, presentation.Error?.ToString());
            var token = await new VcJwtHolder(key).PresentAsync(presentation.Value);
            var verified = await verifier.VerifyPresentationAsync(token, PresentedCredentialVerification.LeaveToCaller);
            Assert.True(verified.IsValid, verified.Error?.ToString());
            Assert.Equal(presentation.Value.ToUtf8Bytes(), Jws.ReadCompact(token).Value.Payload.ToArray());
            Assert.True(expectSuccess, $"Case {number} was expected to fail.");
            return;
        }

        var credential = W3cCredential.Read(input);
        Assert.True(credential.IsValid, credential.Error?.ToString());
        if (!expectSuccess)
        {
            // Case 5: members no context of the credential defines (they fall under the examples context's @vocab,
            // which is for examples only) are refused by the issuer unless declared.
            Assert.Equal(VcErrors.UndefinedMember, credential.Value.ValidateForIssuance()!.Code);
            await Assert.ThrowsAsync<ArgumentException>(() => new VcJwtIssuer(key).IssueAsync(credential.Value).AsTask());
            return;
        }

        var vcJwt = await new VcJwtIssuer(key).IssueAsync(credential.Value);
        var result = await verifier.VerifyCredentialAsync(vcJwt);
        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(credential.Value.ToUtf8Bytes(), Jws.ReadCompact(vcJwt).Value.Payload.ToArray());
        Assert.Equal("vc+jwt", Jws.ReadCompact(vcJwt).Value.Type);
    }

    [Fact]
    public async Task Case7_VerifyingEveryPresentedCredential_RefusesTheSdJwtAndCoseEnvelopes()
    {
        var input = File.ReadAllText(VectorPath("input/presentation-jose-multiple.txt")).Trim();
        var keys = new CombinedResolver([new MethodKeyResolver(LoadMethod("input/vm-p384.json")), new MethodKeyResolver(LoadMethod("input/vm-p256.json"))]);
        var verifier = new VcJwtVerifier(keys, new VcJwtVerifierOptions { TimeProvider = TestClock.At(ClockFor(input)) });

        var result = await verifier.VerifyPresentationAsync(input);

        // The vc+jwt envelope (ES256, the suite's P-256 key) verifies; the vc+sd-jwt one cannot be verified here.
        Assert.True(result.CredentialResults[0].IsValid, result.CredentialResults[0].Error?.ToString());
        Assert.Equal(VcJoseErrors.UnsupportedEnvelope, result.Error!.Code);
        Assert.Equal(ClaimPath.Create("verifiableCredential", 1), result.Error.Path);
        Assert.Equal(3, W3cPresentation.Read(Jws.ReadCompact(input).Value.Payload.Span).Value.VerifiableCredentials.Length);
    }

    [Fact]
    public void P521Key_IsRefusedAsUnsupported()
    {
        var p521 = LoadMethod("input/vm-p521.json");

        Assert.Throws<ArgumentException>(() => SigningKey.FromJwk(Jwk.Read(p521.GetProperty("secretKeyJwk")).Value));
        Assert.Equal(KeyErrors.UnsupportedKeyType, VerificationKey.FromJwk(Jwk.ReadPublic(p521.GetProperty("publicKeyJwk")).Value).Error!.Code);
    }

    // The presentations carry numeric iat and exp; the credentials string ones (not NumericDates, not evaluated).
    private static DateTimeOffset ClockFor(string input)
    {
        var jws = Jws.ReadCompact(input);
        if (jws.IsValid && jws.Value.ParsePayload() is { IsValid: true } payload
            && payload.Value.TryGetProperty("iat", out var iat) && iat.ValueKind == JsonValueKind.Number)
        {
            return DateTimeOffset.FromUnixTimeSeconds(iat.GetInt64()).AddMinutes(1);
        }

        return new DateTimeOffset(2024, 12, 16, 0, 0, 0, TimeSpan.Zero);
    }

    private static bool IsP521(JsonElement method) => method.GetProperty("publicKeyJwk").GetProperty("crv").GetString() == "P-521";

    private static JsonElement Case(int number)
    {
        foreach (var c in s_mapping.GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("number").GetInt32() == number)
            {
                return c;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(number));
    }

    private static JsonElement LoadMethod(string file) => Load(file);

    private static JsonElement Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorPath(file)));
        return document.RootElement.Clone();
    }

    private static string VectorPath(string file) => Path.Combine(AppContext.BaseDirectory, "vectors", "vc-jose-cose", file);

    /// <summary>The suite's verification method: its public JWK, when this library can use it.</summary>
    private sealed class MethodKeyResolver(JsonElement method) : IIssuerKeyResolver
    {
        private readonly VerificationResult<VerificationKey> _key = VerificationKey.FromJwk(Jwk.ReadPublic(method.GetProperty("publicKeyJwk")).Value);

        public string? KeyId { get; } = method.GetProperty("publicKeyJwk").GetProperty("kid").GetString();

        public string? MethodId { get; } = method.GetProperty("id").GetString();

        public ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(_key);
    }

    /// <summary>Picks the suite's key by the JWS kid (a thumbprint or the method id).</summary>
    private sealed class CombinedResolver(MethodKeyResolver[] resolvers) : IIssuerKeyResolver
    {
        public ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default)
        {
            foreach (var r in resolvers)
            {
                if (request.Jwt.KeyId == r.KeyId || request.Jwt.KeyId == r.MethodId)
                {
                    return r.ResolveAsync(request, cancellationToken);
                }
            }

            return ValueTask.FromResult(VerificationResult<VerificationKey>.Failure(new VerificationError(Credentials.SdJwt.SdJwtErrors.IssuerKeyNotFound, "No key of the suite has this kid.")));
        }
    }
}
