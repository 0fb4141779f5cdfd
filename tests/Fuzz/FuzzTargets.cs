using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Status;
using Credentials.Trust;
using Credentials.W3c.OpenBadges.Baking;

namespace Credentials.Fuzz;

/// <summary>
/// The parsers of untrusted input, each behind one entry point that takes the fuzzer's bytes. The property under test:
/// nothing throws, whatever the input; a failure is a typed result. Shared by the SharpFuzz program and the regression
/// test that replays the corpus and every crash found (<c>tests/Credentials.Tests/Fuzz</c>).
/// </summary>
public static class FuzzTargets
{
    // Created on first use, never in a static constructor: under afl-fuzz, instrumented library code must not run
    // before SharpFuzz has set up its shared memory.
    private static SigningKey? s_issuerKey;
    private static SdJwtVerifier? s_verifier;

    /// <summary>The target names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sdjwt", "jws", "did", "dcql", "status", "badge"];

    /// <summary>The target with this name, or <see langword="null"/>.</summary>
    public static Action<byte[]>? Find(string name) => name switch
    {
        "sdjwt" => SdJwt,
        "jws" => Jws,
        "did" => Did,
        "dcql" => Dcql,
        "status" => StatusList,
        "badge" => Badge,
        _ => null,
    };

    private static SigningKey IssuerKey => s_issuerKey ??= SigningKey.Create(JwsAlgorithm.EdDsa);

    private static SdJwtVerifier Verifier => s_verifier ??= new(new StaticIssuerKeyResolver(IssuerKey.PublicJwk), options: new SdJwtVerifierOptions());

    /// <summary>An SD-JWT or SD-JWT+KB (compact or JSON) through the parser and the full verifier.</summary>
    public static void SdJwt(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        _ = Credentials.SdJwt.SdJwtToken.Read(text);
        var verified = Verifier.VerifyAsync(text, KeyBindingRequirement.Optional("https://verifier.example", "n")).AsTask();
        _ = verified.GetAwaiter().GetResult();
    }

    /// <summary>A compact JWS: parse, read the payload, verify against a fixed key.</summary>
    public static void Jws(byte[] input)
    {
        var parsed = Credentials.Jose.Jws.ReadCompact(Encoding.UTF8.GetString(input));
        if (parsed.IsValid)
        {
            _ = parsed.Value.ParsePayload();
            _ = parsed.Value.VerifySignature(IssuerKey.GetVerificationKey());
        }
    }

    /// <summary>A DID or DID URL, and resolution of did:key and did:jwk (no network).</summary>
    public static void Did(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        _ = DidUrl.TryParse(text, out _);
        if (Credentials.Dids.Did.TryParse(text, out var did))
        {
            _ = did.Method switch
            {
                DidMethodNames.Key => DidKey.Resolve(did),
                DidMethodNames.Jwk => DidJwk.Resolve(did),
                _ => default,
            };
        }
    }

    /// <summary>A DCQL query (OpenID4VP 1.0 section 6).</summary>
    public static void Dcql(byte[] input) => _ = DcqlQuery.Read(input);

    /// <summary>A Token Status List <c>lst</c> (base64url of zlib), decoded at each bit width.</summary>
    public static void StatusList(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        foreach (var bits in new[] { 1, 2, 4, 8 })
        {
            var list = Credentials.Status.StatusList.Decode(text, bits, maxDecompressedBytes: 1 << 20);
            if (list.IsValid && list.Value.Count > 0)
            {
                _ = list.Value.GetStatus(list.Value.Count - 1);
                _ = list.Value.GetStatus(list.Value.Count);
            }
        }
    }

    /// <summary>An image with a baked Open Badges credential (PNG or SVG): read, and baked into as an issuer would.</summary>
    public static void Badge(byte[] input)
    {
        _ = new BakedBadgeReader().Read(input);
        _ = new BadgeBaker().Bake(input, "eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ.c2ln");
    }
}
