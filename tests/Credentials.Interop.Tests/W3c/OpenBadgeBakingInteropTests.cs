using System;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.JsonLd;
using Credentials.W3c.OpenBadges;
using Credentials.W3c.OpenBadges.Baking;
using Xunit;
using static Credentials.Interop.Tests.W3c.W3cPeers;

namespace Credentials.Interop.Tests.W3c;

/// <summary>
/// Open Badges 3.0 baked badges (section 5.3) against independent PNG and XML code (<c>node/ob-bake-*.mjs</c>):
/// <c>pngjs</c> makes and decodes the image, <c>png-chunks-extract</c> / <c>png-chunks-encode</c> split and join its
/// chunks with their CRCs, <c>@xmldom/xmldom</c> parses and writes the SVG. Both directions: what we bake they find
/// exactly, what they bake we read and verify; a corrupted or doubled credential is refused by the receiving side.
/// </summary>
public sealed class OpenBadgeBakingInteropTests
{
    private const string ObNamespace = "https://purl.imsglobal.org/ob/v3p0";
    private const string Jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2V4YW1wbGUuZWR1In0.c2lnbmF0dXJlLWJ5dGVz";

    private const string Svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
          <title>合格 🏅</title>
          <circle cx="256" cy="256" r="200" fill="#2a6"/>
        </svg>
        """;

    private static readonly BadgeBaker Baker = new();
    private static readonly BakedBadgeReader Reader = new();

    [Fact]
    public async Task OursBakedPng_FoundExactlyByPngChunksExtract_AndCorruptionRefused()
    {
        var signed = await SignedBadgeAsync();
        var image = await TheirPngAsync();

        var baked = Baker.BakePng(image, signed).Value;
        var read = await RunAsync("ob-bake-png.mjs", new JsonObject { ["png"] = Convert.ToBase64String(baked) }, "read");
        var corrupted = (byte[])baked.Clone();
        corrupted[corrupted.AsSpan().IndexOf("openbadgecredential"u8) + 40] ^= 1;
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync("ob-bake-png.mjs", new JsonObject { ["png"] = Convert.ToBase64String(corrupted) }, "read"));

        Assert.Equal(["IHDR", "IDAT", "iTXt", "IEND"], Strings(read["chunks"]!));
        var credential = Assert.Single(read["credentials"]!.AsArray())!;
        Assert.Equal(0, credential["compressionFlag"]!.GetValue<int>());
        Assert.Equal(string.Empty, credential["languageTag"]!.GetValue<string>());
        Assert.Equal(signed, credential["text"]!.GetValue<string>());
        Assert.Equal(3, read["width"]!.GetValue<int>());
        Assert.Contains("CRC", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OursRebakedPng_TheyFindOneCredential()
    {
        var image = await TheirPngAsync();
        var signed = await SignedBadgeAsync();
        var once = Baker.BakePng(image, Jwt).Value;
        var twice = Baker.BakePng(once, signed).Value;

        var read = await RunAsync("ob-bake-png.mjs", new JsonObject { ["png"] = Convert.ToBase64String(twice) }, "read");

        Assert.Single(read["credentials"]!.AsArray());
    }

    [Fact]
    public async Task TheirBakedPng_ReadAndVerifiedByOurs_AndTamperingRefused()
    {
        var signed = await SignedBadgeAsync();
        var image = await TheirPngAsync();
        var baked = await TheirBakedPngAsync(image, signed);
        var tamperedCredential = await TheirBakedPngAsync(image, Tampered(JsonNode.Parse(signed)!.AsObject()).ToJsonString());
        var flipped = (byte[])baked.Clone();
        flipped[flipped.AsSpan().IndexOf("openbadgecredential"u8) + 40] ^= 1;

        var read = Reader.Read(baked);
        var verified = await OurBadgeVerifier().VerifyAsync(baked);
        var tampered = await OurBadgeVerifier().VerifyAsync(tamperedCredential);
        var corrupted = await OurBadgeVerifier().VerifyAsync(flipped);

        Assert.Equal(signed, read.Value.Text);
        Assert.True(verified.IsValid, verified.Error?.ToString());
        Assert.Equal(OpenBadgeVerifierFormat.BakedPng, verified.Format);
        Assert.Equal("基本情報技術者試験", verified.Badge!.Achievement.Name?.ToString());
        Assert.Equal(DataIntegrityErrors.InvalidSignature, tampered.Error?.Code);
        Assert.Equal(OpenBadgeBakingErrors.CrcMismatch, corrupted.Error?.Code);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OursBakedSvg_FoundByXmldomInTheNamespace_FirstInTheRoot(bool jwt)
    {
        var credential = jwt ? Jwt : await SignedBadgeAsync();

        var baked = Encoding.UTF8.GetString(Baker.BakeSvg(Encoding.UTF8.GetBytes(Svg), credential).Value);
        var read = await RunAsync("ob-bake-svg.mjs", new JsonObject { ["svg"] = baked }, "read");

        Assert.Equal(1, read["count"]!.GetValue<int>());
        Assert.Equal("svg", read["rootName"]!.GetValue<string>());
        Assert.Equal("http://www.w3.org/2000/svg", read["rootNamespace"]!.GetValue<string>());
        Assert.Equal(ObNamespace, read["declared"]!.GetValue<string>());
        Assert.True(read["firstChildIsCredential"]!.GetValue<bool>());
        if (jwt)
        {
            Assert.Equal(Jwt, read["verify"]!.GetValue<string>());
            Assert.Equal(string.Empty, read["text"]!.GetValue<string>());
        }
        else
        {
            Assert.Null(read["verify"]);
            Assert.Equal(credential, read["text"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task TheirBakedSvg_ReadAndVerifiedByOurs_AndTwoCredentialsRefused()
    {
        var signed = await SignedBadgeAsync();

        var json = (await RunAsync("ob-bake-svg.mjs", new JsonObject { ["svg"] = Svg, ["credential"] = signed, ["jwt"] = false }, "bake"))["svg"]!.GetValue<string>();
        var jws = (await RunAsync("ob-bake-svg.mjs", new JsonObject { ["svg"] = Svg, ["credential"] = Jwt, ["jwt"] = true }, "bake"))["svg"]!.GetValue<string>();
        var doubled = (await RunAsync("ob-bake-svg.mjs", new JsonObject { ["svg"] = json, ["credential"] = Jwt, ["jwt"] = true }, "bake"))["svg"]!.GetValue<string>();

        var verified = await OurBadgeVerifier().VerifyTextAsync(json);
        Assert.True(verified.IsValid, verified.Error?.ToString());
        Assert.Equal(OpenBadgeVerifierFormat.BakedSvg, verified.Format);
        Assert.Equal(signed, verified.CredentialText);
        Assert.Equal(Jwt, Reader.ReadSvg(Encoding.UTF8.GetBytes(jws)).Value.Text);
        Assert.Equal(OpenBadgeBakingErrors.MultipleCredentials, Reader.ReadSvg(Encoding.UTF8.GetBytes(doubled)).Error?.Code);

        // Our baker replaces both of their elements with one.
        var rebaked = Baker.BakeSvg(Encoding.UTF8.GetBytes(doubled), signed).Value;
        Assert.Equal(1, (await RunAsync("ob-bake-svg.mjs", new JsonObject { ["svg"] = Encoding.UTF8.GetString(rebaked) }, "read"))["count"]!.GetValue<int>());
    }

    private static OpenBadgeVerifier OurBadgeVerifier() => new(DidResolver.CreateDefault());

    private static async Task<string> SignedBadgeAsync()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var did = DidKey.Create(key);
        var badge = ExamCertificate(did.Value);
        badge.Remove("description");
        var issuer = new DataIntegrityIssuer(key, DidKey.GetKeyId(did).Value, new DataIntegrityIssuerOptions { DocumentLoader = PinnedJsonLdDocumentLoader.Default });
        return (await issuer.AddProofAsync(badge, new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022 })).ToJsonString();
    }

    private static async Task<byte[]> TheirPngAsync()
        => Convert.FromBase64String((await RunAsync("ob-bake-png.mjs", new JsonObject(), "make"))["png"]!.GetValue<string>());

    private static async Task<byte[]> TheirBakedPngAsync(byte[] image, string text)
        => Convert.FromBase64String((await RunAsync("ob-bake-png.mjs", new JsonObject { ["png"] = Convert.ToBase64String(image), ["text"] = text }, "bake"))["png"]!.GetValue<string>());

    private static string[] Strings(JsonNode array) => [.. array.AsArray().Select(n => n!.GetValue<string>())];

    private static async Task<JsonObject> RunAsync(string script, JsonObject input, string mode)
    {
        var output = await NodeRunner.Shared.RunAsync(script, input.ToJsonString(), mode);
        return JsonNode.Parse(output)?.AsObject() ?? throw new InvalidOperationException($"{script} printed nothing.");
    }
}
