using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Testing;
using Credentials.W3c;
using Credentials.W3c.OpenBadges;
using Credentials.W3c.OpenBadges.Baking;
using Xunit;
using V = Credentials.Conformance.Tests.OpenBadges.OpenBadgeProofVectors;

namespace Credentials.Conformance.Tests.OpenBadges;

/// <summary>
/// The specification's own signed examples (section 5.3 with sections 8.2 and 8.3): each JWT and each Data Integrity
/// credential, baked into a PNG and an SVG, reads back byte for byte and verifies through <see cref="OpenBadgeVerifier"/>;
/// the endorsement example verifies but is not an achievement badge.
/// </summary>
public sealed class OpenBadgeBakingVectorTests
{
    private const string Svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 512 512\"><circle cx=\"256\" cy=\"256\" r=\"200\"/></svg>";
    private static readonly BadgeBaker Baker = new();

    [Theory]
    [MemberData(nameof(V.Examples), MemberType = typeof(V))]
    public async Task SpecJwt_BakedIntoPngAndSvg_VerifiedByOpenBadgeVerifier(string name)
    {
        var jwt = V.Jwt(name);
        var verifier = new OpenBadgeVerifier(DidResolver.CreateDefault(), new OpenBadgeVerifierOptions
        {
            Credential = new W3cCredentialVerifierOptions { TimeProvider = TestClock.At(V.Now) },
        });

        await AssertBakedAndVerifiedAsync(verifier, jwt, name);
    }

    [Theory]
    [MemberData(nameof(V.Examples), MemberType = typeof(V))]
    public async Task SpecDataIntegrity_BakedIntoPngAndSvg_VerifiedByOpenBadgeVerifier(string name)
    {
        var signed = V.Json(V.Signed + name + ".di.json");
        var verifier = new OpenBadgeVerifier(DidResolver.CreateDefault(), new OpenBadgeVerifierOptions
        {
            Credential = new W3cCredentialVerifierOptions
            {
                DataIntegrity = V.DiOptions(V.MethodOf(V.VerificationMethodOf(signed))),
                TimeProvider = TestClock.At(V.Now),
            },
        });

        await AssertBakedAndVerifiedAsync(verifier, signed.GetRawText(), name);
    }

    private static async Task AssertBakedAndVerifiedAsync(OpenBadgeVerifier verifier, string credential, string name)
    {
        var png = Baker.BakePng(Png(), credential).Value;
        var svg = Baker.BakeSvg(Encoding.UTF8.GetBytes(Svg), credential).Value;

        foreach (var (image, format) in new[] { (png, OpenBadgeVerifierFormat.BakedPng), (svg, OpenBadgeVerifierFormat.BakedSvg) })
        {
            var result = await verifier.VerifyAsync(image);

            Assert.Equal(format, result.Format);
            Assert.Equal(credential, result.CredentialText);
            Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Proof));
            if (name == "endorsementcredential")
            {
                Assert.Equal(OpenBadgeErrors.InvalidType, result.Error?.Code);
                Assert.Equal(CheckOutcome.Failed, result.Model);
            }
            else
            {
                Assert.True(result.IsValid, result.Error?.ToString());
                Assert.Equal(CheckOutcome.Passed, result.Schema);
                Assert.NotNull(result.Badge);
            }
        }
    }

    // A 1×1 grayscale PNG: IHDR, one zlib-compressed scanline, IEND.
    private static byte[] Png()
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, 1);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), 1);
        ihdr[8] = 8;
        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write([0, 0x80]);
        }

        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        return [.. signature, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", idat.ToArray()), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }
}
