using System;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.JsonLd;
using Credentials.W3c.OpenBadges;
using Credentials.W3c.OpenBadges.Baking;

namespace Credentials.Benchmarks;

/// <summary>
/// What an employer's badge check costs from the bytes it receives: <see cref="OpenBadgeVerifier"/> on the DSS skill
/// badge (built with <see cref="OpenBadgeCredentialBuilder"/>, did:key issuer) as Data Integrity JSON
/// (<c>eddsa-rdfc-2022</c>), as the same JSON baked into a PNG, and as an Open Badges JWT (EdDSA, <c>kid</c> a DID URL);
/// each with and without the 1EdTech JSON Schema check. The floor is one Ed25519 verification of 64 bytes, in the same
/// run.
/// </summary>
[MemoryDiagnoser]
public class OpenBadgeVerifierBenchmarks
{
    private readonly byte[] _message = new byte[64];
    private SigningKey _key = null!;
    private VerificationKey _publicKey = null!;
    private byte[] _signature = null!;
    private byte[] _json = null!;
    private byte[] _png = null!;
    private byte[] _jwt = null!;
    private OpenBadgeVerifier _verifier = null!;
    private OpenBadgeVerifier _verifierWithoutSchema = null!;

    /// <summary>Issues the badge in both proof formats, bakes the JSON, and checks that each form verifies.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _key = SigningKey.Create(JwsAlgorithm.EdDsa);
        _publicKey = _key.GetVerificationKey();
        RandomNumberGenerator.Fill(_message);
        _signature = _key.Sign(_message);

        var did = DidKey.Create(_key);
        var keyId = DidKey.GetKeyId(did).Value;
        var unsigned = Badge(did.Value);
        var issuer = new DataIntegrityIssuer(_key, keyId, new DataIntegrityIssuerOptions { TimeProvider = OpenBadgeWorkload.Clock, DocumentLoader = PinnedJsonLdDocumentLoader.Default });
        var secured = await issuer.AddProofAsync(unsigned.DeepClone().AsObject(), new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022 });
        var jsonText = secured.ToJsonString();
        _json = Encoding.UTF8.GetBytes(jsonText);
        _png = new BadgeBaker().BakePng(OnePixelPng(), jsonText).GetValueOrThrow();

        using var jwtSigner = SigningKey.FromJwk(_key.ExportPrivateJwk() with { Kid = keyId }, JwsAlgorithm.EdDsa);
        var credential = W3cCredential.Read(unsigned.ToJsonString()).GetValueOrThrow();
        _jwt = Encoding.ASCII.GetBytes(await new OpenBadgeJwtIssuer(jwtSigner).IssueAsync(credential));

        var options = new OpenBadgeVerifierOptions
        {
            Credential = new W3cCredentialVerifierOptions
            {
                TimeProvider = OpenBadgeWorkload.Clock,
                Status = StatusCheck.Skip,
                DataIntegrity = new DataIntegrityVerifierOptions { TimeProvider = OpenBadgeWorkload.Clock, DocumentLoader = PinnedJsonLdDocumentLoader.Default },
                OpenBadgeJwt = new OpenBadgeJwtVerifierOptions { TimeProvider = OpenBadgeWorkload.Clock },
            },
        };
        _verifier = new OpenBadgeVerifier(DidResolver.CreateDefault(), options);
        _verifierWithoutSchema = new OpenBadgeVerifier(DidResolver.CreateDefault(), options with { ValidateSchema = false });
        foreach (var form in new[] { _json, _png, _jwt })
        {
            var result = await _verifier.VerifyAsync(form);
            if (!result.IsValid)
            {
                throw new InvalidOperationException("The benchmark badge does not verify: " + result.Error);
            }
        }
    }

    /// <summary>The floor: one Ed25519 verification of 64 bytes.</summary>
    [Benchmark(Baseline = true)]
    public bool Ed25519Verify() => _publicKey.Verify(JwsAlgorithm.EdDsa, _message, _signature);

    /// <summary>Data Integrity JSON: detection, W3C verification (JSON-LD, RDFC-1.0, Ed25519), model and schema.</summary>
    [Benchmark]
    public async Task<bool> DataIntegrityJson() => (await _verifier.VerifyAsync(_json)).IsValid;

    /// <summary>The same, without the JSON Schema check.</summary>
    [Benchmark]
    public async Task<bool> DataIntegrityJsonWithoutSchema() => (await _verifierWithoutSchema.VerifyAsync(_json)).IsValid;

    /// <summary>The Data Integrity JSON baked into a PNG: chunk walk and CRC-32 first.</summary>
    [Benchmark]
    public async Task<bool> BakedPng() => (await _verifier.VerifyAsync(_png)).IsValid;

    /// <summary>The Open Badges JWT form (EdDSA, key through the issuer's did:key), model and schema.</summary>
    [Benchmark]
    public async Task<bool> OpenBadgeJwt() => (await _verifier.VerifyAsync(_jwt)).IsValid;

    /// <summary>The JWT form without the JSON Schema check.</summary>
    [Benchmark]
    public async Task<bool> OpenBadgeJwtWithoutSchema() => (await _verifierWithoutSchema.VerifyAsync(_jwt)).IsValid;

    private static System.Text.Json.Nodes.JsonObject Badge(string issuerDid) => new OpenBadgeCredentialBuilder()
        .Id("urn:uuid:5f7c1f0e-8a44-4c2b-9a51-3c2d7e0b9a10")
        .Name("DX推進スキル標準 バックエンドエンジニア（レベル3）")
        .Issuer(issuerDid, issuer => issuer.Name("一般社団法人サンプルDX人材認定機構").Url("https://badges.example.jp"))
        .ValidFrom(OpenBadgeWorkload.Now)
        .AwardedDate(OpenBadgeWorkload.Now)
        .RecipientIdentifier(IdentityObject.CreateHashedEmail("kenta.sato@example.jp", "4f1c2a9e7b3d5c80"))
        .Achievement(a => a
            .Id("https://credentials.example.jp/achievements/dss-p/SE-BE/level-3")
            .AchievementType("Competency")
            .Name("DX推進スキル標準 バックエンドエンジニア（レベル3）", "ja")
            .Name("DX Promotion Skill Standard – Back-end Engineer (Level 3)", "en")
            .Description("DSS-Pのバックエンドエンジニアロールに求められるスキルを実技評価で確認した。", "ja")
            .LanguageEdition("en", "https://credentials.example.jp/achievements/dss-p/SE-BE/level-3/en")
            .Criteria("実技課題と口頭試問に合格し、評価者2名が基準を満たすと判定したこと。")
            .Alignment(Alignment.Create("バックエンドエンジニア", "https://www.ipa.go.jp/jinzai/skill-standard/dss/index.html", "SE-BE", "DSS-P", "ext:DSSRole")))
        .Build();

    // A valid 1×1 RGB PNG: signature, IHDR, one IDAT (zlib of a filter byte and a pixel), IEND, each chunk with its CRC-32.
    private static byte[] OnePixelPng()
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(output, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write([0, 0x1E, 0x6F, 0x5C]);
        }

        Chunk(output, "IDAT", pixels.ToArray());
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(typeBytes);
        crc.Append(data);
        Span<byte> sum = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(sum, crc.GetCurrentHashAsUInt32());
        output.Write(sum);
    }
}
