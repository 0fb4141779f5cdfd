using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Credentials.Conformance.Tests.SdJwt;

/// <summary>
/// The sd-jwt-python test cases (<c>testcases/*/specification.yml</c>): issue <c>user_claims</c> (with <c>!sd</c>
/// marks) with the settings' issuer key, present <c>holder_disclosed_claims</c>, verify, and get exactly
/// <c>expect_verified_user_claims</c> as the user claims.
/// </summary>
public class SdJwtPythonVectorTests
{
    private static readonly string[] s_testCases =
    [
        "array_data_types", "array_full_sd", "array_in_sd", "array_nested_in_plain", "array_none_disclosed",
        "array_of_nulls", "array_of_objects", "array_of_scalars", "array_recursive_sd", "array_recursive_sd_some_disclosed",
        "header_mod", "json_serialization_flattened", "json_serialization_general", "key_binding", "no_sd",
        "object_data_types", "recursions",
    ];

    public static TheoryData<string> TestCases() => [.. s_testCases];

    [Fact]
    public void TestCases_Folder_HoldsExactlyTheListedCases()
    {
        Assert.Equal(SdJwtVectors.Sorted(s_testCases), SdJwtVectors.DirectoriesIn("sd-jwt-python/testcases"));
    }

    [Theory]
    [MemberData(nameof(TestCases))]
    public async Task PresentAndVerify_TestCase_YieldsExactlyTheExpectedUserClaims(string name)
    {
        var testCase = TestCase.Load(name);
        using var issuerKey = SigningKey.FromJwk(testCase.IssuerKeys[0]);
        using var holderKey = testCase.KeyBinding ? SigningKey.FromJwk(testCase.HolderKey) : null;
        var issued = await testCase.IssueAsync(issuerKey, holderKey, testCase.ExtraHeaders(kidAsString: true));
        if (testCase.IssuerKeys.Count > 1)
        {
            issued = AddSignatures(issued, testCase.IssuerKeys.Skip(1));
        }

        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = testCase.Clock });
        var presented = holderKey is null
            ? holder.Select(issued, testCase.Selection)
            : await holder.PresentAsync(issued, testCase.Selection, new KeyBindingInput(testCase.Verifier, testCase.Nonce), holderKey);
        Assert.True(presented.IsValid, presented.Error?.ToString());
        var text = testCase.SerializationFormat switch
        {
            "compact" => presented.Value.Serialize(),
            "json" when testCase.IssuerKeys.Count > 1 => presented.Value.ToGeneralJson(),
            "json" => presented.Value.ToFlattenedJson(),
            var other => throw new InvalidOperationException($"Unknown serialization_format '{other}'."),
        };

        // One key per signature: with several signatures (general JSON serialization), the verifier must allow them and
        // every one must verify with a trusted key.
        List<SdJwtVerifier> verifiers = testCase.IssuerKeys.Count > 1
            ? [new SdJwtVerifier(new EveryKeyResolver([.. testCase.IssuerKeys.Select(k => k.ToPublic())]), new SdJwtVerifierOptions { TimeProvider = testCase.Clock, AllowMultipleSignatures = true })]
            : [.. testCase.IssuerKeys.Select(k => new SdJwtVerifier(new StaticIssuerKeyResolver(k.ToPublic()), new SdJwtVerifierOptions { TimeProvider = testCase.Clock }))];
        foreach (var verifier in verifiers)
        {
            var requirement = holderKey is null ? KeyBindingRequirement.Forbidden : KeyBindingRequirement.Required(testCase.Verifier, testCase.Nonce);

            var result = await verifier.VerifyAsync(text, requirement);

            Assert.True(result.IsValid, result.Error?.ToString());
            var claims = result.Value.Claims;
            Assert.Equal(testCase.Issuer, claims.GetProperty("iss").GetString());
            Assert.Equal(testCase.Iat, claims.GetProperty("iat").GetInt64());
            Assert.Equal(testCase.Exp, claims.GetProperty("exp").GetInt64());
            if (holderKey is not null)
            {
                Assert.NotNull(result.Value.KeyBinding);
                SdJwtVectors.AssertJsonEqual(JsonDocument.Parse(holderKey.PublicJwk.ToJson()).RootElement, claims.GetProperty("cnf").GetProperty("jwk"));
            }
            else
            {
                Assert.False(claims.TryGetProperty("cnf", out _));
            }

            SdJwtVectors.AssertJsonEqual(testCase.ExpectedUserClaims, SdJwtVectors.Without(claims, "iss", "iat", "exp", "cnf"));
            if (testCase.ExtraHeaders(kidAsString: true) is { } headers)
            {
                foreach (var (header, value) in headers)
                {
                    SdJwtVectors.AssertJsonEqual(SdJwtVectors.ToElement(value), result.Value.Header.GetProperty(header));
                }
            }
        }
    }

    [Fact]
    public async Task VerifyAsync_HeaderModWithNumericKidAsInTheVector_FailsAsMalformed()
    {
        // header_mod sets kid: 42 (a YAML integer). RFC 7515 section 4.1.4 makes kid a string, so a strict JWS reader
        // rejects the header; the test above issues the same case with kid "42".
        var testCase = TestCase.Load("header_mod");
        var headers = testCase.ExtraHeaders(kidAsString: false)!;
        Assert.Equal(JsonValueKind.Number, headers["kid"]!.GetValueKind());
        using var issuerKey = SigningKey.FromJwk(testCase.IssuerKeys[0]);
        var issued = await testCase.IssueAsync(issuerKey, null, headers);
        var verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(testCase.IssuerKeys[0].ToPublic()), options: new SdJwtVerifierOptions { TimeProvider = testCase.Clock });

        var result = await verifier.VerifyAsync(issued.Serialize(), KeyBindingRequirement.Forbidden);

        Assert.False(result.IsValid);
        Assert.Equal(JoseErrors.Malformed, result.Error!.Code);
    }

    [Fact]
    public async Task VerifyAsync_JsonGeneralWithTwoSignatures_EverySignatureMustVerify()
    {
        var testCase = TestCase.Load("json_serialization_general");
        Assert.Equal(2, testCase.IssuerKeys.Count);
        using var issuerKey = SigningKey.FromJwk(testCase.IssuerKeys[0]);
        var issued = AddSignatures(await testCase.IssueAsync(issuerKey, null, null), testCase.IssuerKeys.Skip(1));
        var general = issued.ToGeneralJson();
        var bothKeys = new EveryKeyResolver([testCase.IssuerKeys[0].ToPublic(), testCase.IssuerKeys[1].ToPublic()]);

        var byDefault = await Verify(new StaticIssuerKeyResolver(testCase.IssuerKeys[1].ToPublic()), allowMultiple: false);
        var secondKeyOnly = await Verify(new StaticIssuerKeyResolver(testCase.IssuerKeys[1].ToPublic()), allowMultiple: true);
        var both = await Verify(bothKeys, allowMultiple: true);
        var firstSignatureOnly = await Verify(new StaticIssuerKeyResolver(testCase.IssuerKeys[1].ToPublic()), allowMultiple: false, issued.ToFlattenedJson());

        Assert.Equal(2, JsonDocument.Parse(general).RootElement.GetProperty("signatures").GetArrayLength());
        Assert.Equal(SdJwtErrors.MultipleSignatures, byDefault.Error?.Code);
        Assert.Equal(JoseErrors.InvalidSignature, secondKeyOnly.Error?.Code);
        Assert.True(both.IsValid, both.Error?.ToString());
        Assert.Equal(JoseErrors.InvalidSignature, firstSignatureOnly.Error?.Code);

        async Task<VerificationResult<VerifiedSdJwt>> Verify(IIssuerKeyResolver trusted, bool allowMultiple, string? text = null)
            => await new SdJwtVerifier(trusted, new SdJwtVerifierOptions { TimeProvider = testCase.Clock, AllowMultipleSignatures = allowMultiple })
                .VerifyAsync(text ?? general, KeyBindingRequirement.Forbidden);
    }

    /// <summary>Trusts several keys of one issuer that publishes no kid: returns the trusted key that verifies the JWS at hand.</summary>
    private sealed class EveryKeyResolver(IReadOnlyList<Jwk> keys) : IIssuerKeyResolver
    {
        public ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, System.Threading.CancellationToken cancellationToken = default)
        {
            foreach (var jwk in keys)
            {
                var key = VerificationKey.Create(jwk);
                if (request.Jwt.VerifySignature(key) is null)
                {
                    return ValueTask.FromResult(VerificationResult<VerificationKey>.Success(key));
                }

                key.Dispose();
            }

            return ValueTask.FromResult(VerificationResult<VerificationKey>.Success(VerificationKey.Create(keys[0])));
        }
    }

    /// <summary>Adds signatures by further issuer keys over the same payload (General JWS JSON serialization, RFC 9901 section 8.1).</summary>
    private static SdJwtToken AddSignatures(SdJwtToken issued, IEnumerable<Jwk> keys)
    {
        var general = JsonNode.Parse(issued.ToGeneralJson())!.AsObject();
        var payload = general["payload"]!.GetValue<string>();
        foreach (var jwk in keys)
        {
            using var key = SigningKey.FromJwk(jwk);
            var parts = JwsWriter.SignCompact(key, Base64UrlDecode(payload)).Split('.');
            Assert.Equal(payload, parts[1]);
            general["signatures"]!.AsArray().Add(new JsonObject { ["protected"] = parts[0], ["signature"] = parts[2] });
        }

        var parsed = SdJwtToken.Read(general.ToJsonString());
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        return parsed.Value;
    }

    private static byte[] Base64UrlDecode(string s)
    {
        var padded = s.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Convert.FromBase64String(padded);
    }

    /// <summary>One test case with its settings (settings.yml, overridden by the case's settings_override).</summary>
    private sealed class TestCase
    {
        private readonly YamlMappingNode _spec;

        private TestCase(YamlMappingNode spec, YamlMappingNode settings)
        {
            _spec = spec;
            var keySettings = (YamlMappingNode)SdJwtPythonYaml.Get(settings, "key_settings")!;
            var overrides = SdJwtPythonYaml.Get(spec, "settings_override") as YamlMappingNode;
            var overrideKeys = overrides is null ? null : SdJwtPythonYaml.Get(overrides, "key_settings") as YamlMappingNode ?? overrides;
            var issuerKeys = (overrideKeys is null ? null : SdJwtPythonYaml.Get(overrideKeys, "issuer_keys")) ?? SdJwtPythonYaml.Get(keySettings, "issuer_keys")!;
            IssuerKeys = [.. ((YamlSequenceNode)issuerKeys).Children.Select(ToJwk)];
            HolderKey = ToJwk((overrideKeys is null ? null : SdJwtPythonYaml.Get(overrideKeys, "holder_key")) ?? SdJwtPythonYaml.Get(keySettings, "holder_key")!);
            var identifiers = (YamlMappingNode)SdJwtPythonYaml.Get(settings, "identifiers")!;
            Issuer = Scalar(identifiers, "issuer").GetValue<string>();
            Verifier = Scalar(identifiers, "verifier").GetValue<string>();
            Nonce = Scalar(settings, "key_binding_nonce").GetValue<string>();
            Iat = Scalar(settings, "iat").GetValue<long>();
            Exp = Scalar(settings, "exp").GetValue<long>();
            Clock = TestClock.AtUnixSeconds(Iat + 60);
            KeyBinding = SdJwtPythonYaml.Get(spec, "key_binding") is { } kb && SdJwtPythonYaml.ToJson(kb)!.GetValue<bool>();
            SerializationFormat = SdJwtPythonYaml.Get(spec, "serialization_format") is { } format ? SdJwtPythonYaml.ToJson(format)!.GetValue<string>() : "compact";
            Selection = SdJwtPythonYaml.Selection(SdJwtPythonYaml.Get(spec, "holder_disclosed_claims")!);
            ExpectedUserClaims = SdJwtVectors.ToElement(SdJwtPythonYaml.ToJson(SdJwtPythonYaml.Get(spec, "expect_verified_user_claims")!));
        }

        public IReadOnlyList<Jwk> IssuerKeys { get; }

        public Jwk HolderKey { get; }

        public string Issuer { get; }

        public string Verifier { get; }

        public string Nonce { get; }

        public long Iat { get; }

        public long Exp { get; }

        public FakeTimeProvider Clock { get; }

        public bool KeyBinding { get; }

        public string SerializationFormat { get; }

        public List<ClaimPath> Selection { get; }

        public JsonElement ExpectedUserClaims { get; }

        public static TestCase Load(string name)
            => new(SdJwtPythonYaml.Load($"sd-jwt-python/testcases/{name}/specification.yml"), SdJwtPythonYaml.Load("sd-jwt-python/testcases/settings.yml"));

        /// <summary>The case's extra_header_parameters; <paramref name="kidAsString"/> writes a numeric kid as the string RFC 7515 requires.</summary>
        public Dictionary<string, JsonNode?>? ExtraHeaders(bool kidAsString)
        {
            if (SdJwtPythonYaml.Get(_spec, "extra_header_parameters") is not YamlMappingNode headers)
            {
                return null;
            }

            var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var (name, value) in SdJwtPythonYaml.ToJson(headers)!.AsObject())
            {
                result[name] = kidAsString && name == "kid" && value is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? JsonValue.Create(v.ToJsonString()) : value?.DeepClone();
            }

            return result;
        }

        public async Task<SdJwtToken> IssueAsync(SigningKey issuerKey, SigningKey? holderKey, Dictionary<string, JsonNode?>? extraHeaders)
        {
            var payload = SdJwtPayload.Create().Claim("iss", Issuer).Claim("iat", Iat).Claim("exp", Exp);
            SdJwtPythonYaml.FillObject(payload, (YamlMappingNode)SdJwtPythonYaml.Get(_spec, "user_claims")!);
            var issuer = new SdJwtIssuer(issuerKey, options: new SdJwtIssuerOptions { ExtraHeaders = extraHeaders });
            return await issuer.IssueAsync(payload, holderKey?.PublicJwk);
        }

        private static JsonNode Scalar(YamlMappingNode mapping, string key) => SdJwtPythonYaml.ToJson(SdJwtPythonYaml.Get(mapping, key)!)!;

        private static Jwk ToJwk(YamlNode node) => Jwk.Parse(SdJwtPythonYaml.ToJson(node)!.ToJsonString());
    }
}
