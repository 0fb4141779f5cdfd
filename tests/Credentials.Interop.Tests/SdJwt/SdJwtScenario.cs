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
using Xunit;
using Credentials.Trust;

namespace Credentials.Interop.Tests.SdJwt;

/// <summary>
/// What the SD-JWT interop tests share: the algorithm matrix, the credential both sides issue (Japanese values, a
/// recursively disclosable object, an array with disclosable elements, decoys), our three roles, and tampering.
/// </summary>
internal static class SdJwtScenario
{
    public const string Audience = "https://verifier.example/村役場";
    public const string Nonce = "n-0S6_WzA2Mj";
    public const string IssuerId = "https://issuer.example";

    /// <summary>Issuer algorithm × holder algorithm × serialization: every pair of EdDSA and ES256, in all three serializations.</summary>
    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var serialization in new[] { Serializations.Compact, Serializations.Flattened, Serializations.General })
        {
            foreach (var issuer in new[] { "EdDSA", "ES256" })
            {
                foreach (var holder in new[] { "EdDSA", "ES256" })
                {
                    data.Add(issuer, holder, serialization);
                }
            }
        }

        return data;
    }

    public static SigningKey CreateKey(string algorithm)
        => SigningKey.Create(JwsAlgorithm.TryGet(algorithm, out var a) ? a : throw new ArgumentOutOfRangeException(nameof(algorithm)));

    public static long Now => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Our credential: 山田太郎 with a recursively disclosable address and a nationalities array.</summary>
    public static SdObject OurPayload(long now) => SdJwtPayload.Create()
        .Claim("iss", IssuerId)
        .Claim("iat", now)
        .Claim("exp", now + 3600)
        .Disclosable("given_name", "太郎")
        .Disclosable("family_name", "山田")
        .Disclosable("email", "taro@example.jp")
        .Object("address", a => a
            .Disclosable("street_address", "千代田1-1")
            .Disclosable("locality", "東京都千代田区")
            .Claim("country", "JP")
            .Decoys(1), disclosable: true)
        .Array("nationalities", a => a.DisclosableElement("JP").DisclosableElement("US").Element("FR").Decoys(1))
        .Decoys(2);

    /// <summary>Their credential (claims + disclosure frame): 佐藤花子, the same shapes described the sd-jwt-js way.</summary>
    public static (JsonObject Claims, JsonObject Frame) TheirPayload(long now, Jwk holderPublicJwk)
    {
        var claims = new JsonObject
        {
            ["iss"] = IssuerId,
            ["iat"] = now,
            ["exp"] = now + 3600,
            ["given_name"] = "花子",
            ["family_name"] = "佐藤",
            ["address"] = new JsonObject { ["street_address"] = "梅田3-1", ["locality"] = "大阪市", ["country"] = "JP" },
            ["nationalities"] = new JsonArray("JP", "DE", "FR"),
            ["cnf"] = new JsonObject { ["jwk"] = JsonNode.Parse(holderPublicJwk.ToJson()) },
        };
        var frame = new JsonObject
        {
            ["_sd"] = new JsonArray("given_name", "family_name", "address"),
            ["_sd_decoy"] = 2,
            ["address"] = new JsonObject { ["_sd"] = new JsonArray("street_address", "locality"), ["_sd_decoy"] = 1 },
            ["nationalities"] = new JsonObject { ["_sd"] = new JsonArray(0, 1), ["_sd_decoy"] = 1 },
        };
        return (claims, frame);
    }

    public static SdJwtIssuer OurIssuer(SigningKey issuer) => new(issuer, options: new SdJwtIssuerOptions { Type = "example+sd-jwt" });

    /// <summary>Our verifier; sd-jwt-js writes an unsigned <c>kid</c> into the general serialization's unprotected headers, which it accepts but never uses.</summary>
    public static SdJwtVerifier OurVerifier(SigningKey issuer)
        => new(new StaticIssuerKeyResolver(issuer.PublicJwk), new SdJwtVerifierOptions { Limits = new SdJwtReaderOptions { AllowUnprotectedKeyId = true } });

    /// <summary>The reader settings for sd-jwt-js output (see <see cref="OurVerifier"/>).</summary>
    public static SdJwtReaderOptions TheirReaderOptions { get; } = new() { AllowUnprotectedKeyId = true };

    public static SdJwtHolder OurHolder(TimeProvider? clock = null) => new(new SdJwtHolderOptions { TimeProvider = clock ?? TimeProvider.System });

    /// <summary>
    /// The claim path of the array element disclosure whose value is <paramref name="value"/>. Array indices in our
    /// claim paths count positions in the processed array (decoys removed), so the index is looked up rather than assumed.
    /// </summary>
    public static ClaimPath ElementPath(Credentials.SdJwt.SdJwtToken issued, string value)
    {
        var claims = OurHolder().GetDisclosableClaims(issued);
        Assert.True(claims.IsValid, claims.Error?.Code.Value);
        return claims.Value.Single(c => c.Disclosure.IsArrayElement && c.Disclosure.Value.ValueKind == JsonValueKind.String && c.Disclosure.Value.GetString() == value).Path;
    }

    public static int IndexOf(ClaimPath path) => path.Components[^1].ArrayIndex;

    /// <summary>
    /// The position of an array element's digest in the issued <c>nationalities</c> array, decoys included: what an
    /// sd-jwt-js presentation frame counts (our claim paths count the processed array instead).
    /// </summary>
    public static int IssuedIndexOf(Credentials.SdJwt.SdJwtToken issued, string value)
    {
        var claim = OurHolder().GetDisclosableClaims(issued).Value
            .Single(c => c.Disclosure.IsArrayElement && c.Disclosure.Value.ValueKind == JsonValueKind.String && c.Disclosure.Value.GetString() == value);
        var digest = claim.Disclosure.ComputeDigest(SdHashAlgorithm.Sha256);
        var payload = Credentials.Jose.Jws.ReadCompact(issued.IssuerSignedJwt).Value.ParsePayload().Value;
        var index = 0;
        foreach (var element in payload.GetProperty("nationalities").EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("...", out var d) && d.GetString() == digest)
            {
                return index;
            }

            index++;
        }

        throw new InvalidOperationException("The element's digest is not in the issued array.");
    }

    /// <summary>Our verifier's claims as a node, for <see cref="JsonNode.DeepEquals"/> with theirs.</summary>
    public static JsonNode? Node(JsonElement element) => JsonNode.Parse(element.GetRawText());

    public static void AssertSameClaims(JsonNode? expected, JsonNode? actual)
        => Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString()}{Environment.NewLine}actual   {actual?.ToJsonString()}");

    /// <summary>Applies <paramref name="change"/> to the disclosures of a presentation in any serialization, keeping the KB-JWT.</summary>
    public static JsonNode MapDisclosures(JsonNode presentation, Func<List<string>, List<string>> change)
    {
        if (presentation.GetValueKind() == JsonValueKind.String)
        {
            var parts = presentation.GetValue<string>().Split('~');
            var changed = change([.. parts[1..^1]]);
            return JsonValue.Create(string.Join('~', [parts[0], .. changed, parts[^1]]));
        }

        var copy = presentation.DeepClone();
        var header = (copy["signatures"]?[0]?["header"] ?? copy["header"])!.AsObject();
        var list = header["disclosures"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        header["disclosures"] = new JsonArray([.. change(list).Select(d => (JsonNode)JsonValue.Create(d))]);
        return copy;
    }

    /// <summary>
    /// Changes one byte of a disclosure: the first character of its salt (decoded byte 2, inside <c>["</c>). The result
    /// is still a well-formed disclosure, but its digest is no longer in the Issuer-signed JWT.
    /// </summary>
    public static string ChangeOneByte(string disclosure)
    {
        var bytes = Convert.FromBase64String(ToStandardBase64(disclosure));
        Assert.Equal((byte)'"', bytes[1]);
        bytes[2] = bytes[2] == (byte)'A' ? (byte)'B' : (byte)'A';
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The disclosure whose decoded JSON contains <paramref name="text"/> (a claim name or value).</summary>
    public static int IndexOfDisclosure(List<string> disclosures, string text)
        => disclosures.FindIndex(d => Encoding.UTF8.GetString(Convert.FromBase64String(ToStandardBase64(d))).Contains(text, StringComparison.Ordinal));

    private static string ToStandardBase64(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }

    /// <summary>We issue <see cref="OurPayload"/> and present given_name, address.locality and the "JP" nationality with a KB-JWT.</summary>
    public static async Task<(Credentials.SdJwt.SdJwtToken Issued, Credentials.SdJwt.SdJwtToken Presentation)> IssueAndPresentOursAsync(SigningKey issuer, SigningKey holder)
    {
        var issued = await OurIssuer(issuer).IssueAsync(OurPayload(Now), holder.PublicJwk);
        var reparsed = Credentials.SdJwt.SdJwtToken.Read(issued.Serialize());
        Assert.True(reparsed.IsValid, reparsed.Error?.Code.Value);
        var presented = await OurHolder().PresentAsync(
            reparsed.Value,
            [ClaimPath.Of("given_name"), ClaimPath.Of("address", "locality"), ElementPath(reparsed.Value, "JP")],
            new KeyBindingInput(Audience, Nonce),
            holder);
        Assert.True(presented.IsValid, presented.Error?.Code.Value);
        return (reparsed.Value, presented.Value);
    }

    /// <summary>Asserts the claims of <see cref="IssueAndPresentOursAsync"/>'s presentation, whichever side processed it.</summary>
    public static void AssertOurSelection(JsonNode? claims)
    {
        Assert.NotNull(claims);
        Assert.Equal(IssuerId, (string?)claims["iss"]);
        Assert.Equal("太郎", (string?)claims["given_name"]);
        Assert.Null(claims["family_name"]);
        Assert.Null(claims["email"]);
        Assert.Equal("東京都千代田区", (string?)claims["address"]?["locality"]);
        Assert.Equal("JP", (string?)claims["address"]?["country"]);
        Assert.Null(claims["address"]?["street_address"]);
        Assert.Equal(["JP", "FR"], claims["nationalities"]!.AsArray().Select(n => (string?)n));
        Assert.Null(claims["_sd"]);
        Assert.Null(claims["_sd_alg"]);
    }

    /// <summary>Asserts the claims of a presentation of <see cref="TheirPayload"/> with given_name, address.locality and "DE".</summary>
    public static void AssertTheirSelection(JsonNode? claims)
    {
        Assert.NotNull(claims);
        Assert.Equal(IssuerId, (string?)claims["iss"]);
        Assert.Equal("花子", (string?)claims["given_name"]);
        Assert.Null(claims["family_name"]);
        Assert.Equal("大阪市", (string?)claims["address"]?["locality"]);
        Assert.Equal("JP", (string?)claims["address"]?["country"]);
        Assert.Null(claims["address"]?["street_address"]);
        Assert.Equal(["DE", "FR"], claims["nationalities"]!.AsArray().Select(n => (string?)n));
        Assert.Null(claims["_sd"]);
        Assert.Null(claims["_sd_alg"]);
    }

    /// <summary>The sd-jwt-js presentation frame for given_name, address.locality and the array element at <paramref name="index"/>.</summary>
    public static JsonObject TheirFrame(int index) => new()
    {
        ["given_name"] = true,
        ["address"] = new JsonObject { ["locality"] = true },
        ["nationalities"] = new JsonObject { [index.ToString(System.Globalization.CultureInfo.InvariantCulture)] = true },
    };
}
