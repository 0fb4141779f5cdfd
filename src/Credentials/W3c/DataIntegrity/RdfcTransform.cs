using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.W3c.JsonLd;
using Credentials.W3c.Rdfc;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// The RDFC-1.0 transformation of the <c>eddsa-rdfc-2022</c> and <c>ecdsa-rdfc-2019</c> suites (VC DI EdDSA 1.0
/// sections 3.2.3 and 3.2.5, VC DI ECDSA 1.0 sections 3.2.3 and 3.2.5): JSON-LD deserialization to RDF with pinned
/// contexts, then RDF Dataset Canonicalization with the suite's hash, serialized as canonical N-Quads.
/// </summary>
internal static class RdfcTransform
{
    private static readonly RdfCanonicalizationOptions s_sha256 = RdfCanonicalizationOptions.Default;
    private static readonly RdfCanonicalizationOptions s_sha384 = new() { HashAlgorithm = HashAlgorithmName.SHA384 };

    /// <summary>Hashes the canonical proof configuration (section 3.2.5) into <paramref name="destination"/>.</summary>
    public static async ValueTask<VerificationError?> ProofConfigurationHashAsync(JsonLdProcessor processor, HashAlgorithmName hash, JsonElement document, JsonElement proof, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var configuration = await CanonicalizeAsync(processor, ProofConfiguration(document, proof), hash, cancellationToken).ConfigureAwait(false);
        if (!configuration.IsValid)
        {
            return configuration.Error;
        }

        ProofHashing.Hash(hash, configuration.Value.NQuadsUtf8, destination.Span);
        return null;
    }

    /// <summary>Hashes the canonical document without its proofs, with the chained ones (section 3.2.3), into <paramref name="destination"/>.</summary>
    public static async ValueTask<VerificationError?> DocumentHashAsync(JsonLdProcessor processor, HashAlgorithmName hash, JsonElement document, IReadOnlyList<JsonElement> previousProofs, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var canonical = await CanonicalizeAsync(processor, UnsecuredDocument(document, previousProofs), hash, cancellationToken).ConfigureAwait(false);
        if (!canonical.IsValid)
        {
            return canonical.Error;
        }

        ProofHashing.Hash(hash, canonical.Value.NQuadsUtf8, destination.Span);
        return null;
    }

    /// <summary>JSON-LD to RDF, then RDFC-1.0 with the given hash inside the algorithm.</summary>
    public static async ValueTask<VerificationResult<RdfCanonicalDataset>> CanonicalizeAsync(JsonLdProcessor processor, JsonElement document, HashAlgorithmName hash, CancellationToken cancellationToken)
    {
        var quads = await processor.ToRdfAsync(document, documentUrl: null, cancellationToken).ConfigureAwait(false);
        if (!quads.IsValid)
        {
            return Failed(quads.Error);
        }

        // VC DI ECDSA 1.0 section 3: with P-384 keys RDFC-1.0 itself hashes with SHA-384.
        var canonical = RdfCanonicalizer.Canonicalize(quads.Value, hash == HashAlgorithmName.SHA384 ? s_sha384 : s_sha256);
        return canonical.IsValid ? canonical : Failed(canonical.Error);
    }

    /// <summary>
    /// The proof configuration (section 3.2.5): the proof without <c>proofValue</c>, with <c>@context</c> set to the
    /// document's. Built from the raw text of the members, which the input's parse has already checked.
    /// </summary>
    public static JsonElement ProofConfiguration(JsonElement document, JsonElement proof)
    {
        var buffer = new ArrayBufferWriter<byte>(JsonMarshal.GetRawUtf8Value(proof).Length + 256);
        buffer.Write("{"u8);
        var first = true;
        if (document.TryGetProperty("@context", out var context))
        {
            buffer.Write("\"@context\":"u8);
            buffer.Write(JsonMarshal.GetRawUtf8Value(context));
            first = false;
        }

        foreach (var member in proof.EnumerateObject())
        {
            if (!member.NameEquals("proofValue") && !member.NameEquals("@context"))
            {
                WriteMember(buffer, member, ref first);
            }
        }

        buffer.Write("}"u8);
        return JsonElement.Parse(buffer.WrittenSpan);
    }

    /// <summary>
    /// The document without its proofs, with the proofs a chain secures in <c>proof</c> (VC Data Integrity 1.0
    /// section 4.5 step 3.2). Built from the raw text of the members, which the input's parse has already checked.
    /// </summary>
    public static JsonElement UnsecuredDocument(JsonElement document, IReadOnlyList<JsonElement> previousProofs)
    {
        var buffer = new ArrayBufferWriter<byte>(JsonMarshal.GetRawUtf8Value(document).Length + 16);
        buffer.Write("{"u8);
        var first = true;
        foreach (var member in document.EnumerateObject())
        {
            if (!member.NameEquals("proof"))
            {
                WriteMember(buffer, member, ref first);
            }
        }

        if (previousProofs.Count > 0)
        {
            buffer.Write(first ? "\"proof\":["u8 : ",\"proof\":["u8);
            for (var i = 0; i < previousProofs.Count; i++)
            {
                if (i > 0)
                {
                    buffer.Write(","u8);
                }

                buffer.Write(JsonMarshal.GetRawUtf8Value(previousProofs[i]));
            }

            buffer.Write("]"u8);
        }

        buffer.Write("}"u8);
        return JsonElement.Parse(buffer.WrittenSpan);
    }

    private static void WriteMember(ArrayBufferWriter<byte> buffer, JsonProperty member, ref bool first)
    {
        buffer.Write(first ? "\""u8 : ",\""u8);
        first = false;
        buffer.Write(JsonMarshal.GetRawUtf8PropertyName(member));
        buffer.Write("\":"u8);
        buffer.Write(JsonMarshal.GetRawUtf8Value(member.Value));
    }

    private static VerificationError Failed(VerificationError inner)
        => new(DataIntegrityErrors.TransformationFailed, "The document or the proof configuration cannot be canonicalized with RDFC-1.0.") { Inner = inner };
}
