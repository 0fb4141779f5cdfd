using System;
using System.Buffers;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.W3c.Jcs;
using Credentials.W3c.JsonLd;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// The transformation, proof configuration and hashing steps of the cryptosuites (VC DI EdDSA 1.0 sections 3.2.3 to
/// 3.3.5, VC DI ECDSA 1.0 sections 3.2.3 to 3.3.5): the hash data is H(canonical proof configuration) ‖
/// H(canonical document). Both canonical forms are written straight from the parsed input, leaving out or replacing
/// members on the way, so nothing is copied or serialized twice.
/// </summary>
internal static class ProofHashing
{
    /// <summary>
    /// Computes the hash data of a proof over a document.
    /// </summary>
    /// <param name="suite">The cryptosuite.</param>
    /// <param name="hash">SHA-256, or SHA-384 for P-384 keys.</param>
    /// <param name="document">The secured (or input) document; its <c>proof</c> is left out.</param>
    /// <param name="proof">The proof (its <c>proofValue</c>, if any, is left out).</param>
    /// <param name="previousProofs">The proofs the proof's <c>previousProof</c> names, secured together with the document (section 4.5).</param>
    /// <param name="context">For JCS suites, the <c>@context</c> the document is hashed with (the proof's own, section 3.3.2 step 4), or <see langword="null"/> to keep the document's.</param>
    /// <param name="processor">The JSON-LD processor the RDFC suites use.</param>
    /// <param name="documentHashes">The document hashes already computed for other proofs of the same document, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels context loading.</param>
    public static async ValueTask<VerificationResult<byte[]>> ComputeHashDataAsync(Cryptosuite suite, HashAlgorithmName hash, JsonElement document, JsonElement proof, IReadOnlyList<JsonElement> previousProofs, JsonElement? context, JsonLdProcessor processor, DocumentHashCache? documentHashes, CancellationToken cancellationToken)
    {
        var size = HashSize(hash);
        var hashData = new byte[2 * size];

        // Sections 3.x.4: H(proof configuration) first, H(document) second.
        var error = suite.UsesJcs
            ? JcsProofConfigurationHash(hash, proof, hashData.AsSpan(0, size))
            : await RdfcTransform.ProofConfigurationHashAsync(processor, hash, document, proof, hashData.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        // The proofs of a proof set secure the same document: it is canonicalized once.
        var key = documentHashes is null ? null : DocumentHashCache.Key(suite.UsesJcs, hash, previousProofs, suite.UsesJcs ? context : null);
        if (key is not null && documentHashes!.TryGet(key, out var known))
        {
            known.CopyTo(hashData.AsSpan(size));
            return hashData;
        }

        error = suite.UsesJcs
            ? JcsDocumentHash(hash, document, previousProofs, context, hashData.AsSpan(size))
            : await RdfcTransform.DocumentHashAsync(processor, hash, document, previousProofs, hashData.AsMemory(size), cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (key is not null)
        {
            documentHashes!.Add(key, hashData.AsSpan(size).ToArray());
        }

        return hashData;
    }

    /// <summary>Computes the hash data of a JCS suite (VC DI EdDSA and ECDSA 1.0 sections 3.3.3 to 3.3.5).</summary>
    public static VerificationResult<byte[]> ComputeJcsHashData(HashAlgorithmName hash, JsonElement document, JsonElement proof, IReadOnlyList<JsonElement> previousProofs, JsonElement? context)
    {
        var size = HashSize(hash);
        var hashData = new byte[2 * size];
        var error = JcsProofConfigurationHash(hash, proof, hashData.AsSpan(0, size))
            ?? JcsDocumentHash(hash, document, previousProofs, context, hashData.AsSpan(size));
        return error is null ? hashData : error;
    }

    // Sections 3.3.5 and 3.3.4: the proof configuration is the proof without its value.
    private static VerificationError? JcsProofConfigurationHash(HashAlgorithmName hash, JsonElement proof, Span<byte> destination)
    {
        using var scratch = ScratchBuffer.Rent();
        var error = WriteJcsProofConfiguration(proof, scratch);
        if (error is not null)
        {
            return Failed(error);
        }

        Hash(hash, scratch.WrittenSpan, destination);
        return null;
    }

    // Section 3.3.3: the document without its proof (with the proofs a chain secures).
    private static VerificationError? JcsDocumentHash(HashAlgorithmName hash, JsonElement document, IReadOnlyList<JsonElement> previousProofs, JsonElement? context, Span<byte> destination)
    {
        using var scratch = ScratchBuffer.Rent();
        var error = WriteJcsDocument(document, previousProofs, context, scratch);
        if (error is not null)
        {
            return Failed(error);
        }

        Hash(hash, scratch.WrittenSpan, destination);
        return null;
    }

    /// <summary>Writes the JCS form of the proof configuration: the proof without <c>proofValue</c>.</summary>
    public static VerificationError? WriteJcsProofConfiguration(JsonElement proof, IBufferWriter<byte> output)
        => JcsWriter.TryWriteObject(proof, [JcsOverride.Remove("proofValue")], output);

    /// <summary>Writes the JCS form of the document without its proofs, with the previous proofs and context given.</summary>
    public static VerificationError? WriteJcsDocument(JsonElement document, IReadOnlyList<JsonElement> previousProofs, JsonElement? context, IBufferWriter<byte> output)
    {
        var proof = previousProofs.Count == 0 ? JcsOverride.Remove("proof") : JcsOverride.ReplaceWithArray("proof", previousProofs);
        return context is { } replacement
            ? JcsWriter.TryWriteObject(document, [proof, JcsOverride.Replace("@context", replacement)], output)
            : JcsWriter.TryWriteObject(document, [proof], output);
    }

    /// <summary>The digest size of SHA-256 or SHA-384.</summary>
    public static int HashSize(HashAlgorithmName hash) => hash == HashAlgorithmName.SHA384 ? SHA384.HashSizeInBytes : SHA256.HashSizeInBytes;

    /// <summary>Hashes with SHA-256 or SHA-384.</summary>
    public static void Hash(HashAlgorithmName hash, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (hash == HashAlgorithmName.SHA384)
        {
            SHA384.HashData(data, destination);
        }
        else
        {
            SHA256.HashData(data, destination);
        }
    }

    private static VerificationError Failed(VerificationError inner)
        => new(DataIntegrityErrors.TransformationFailed, "The document or the proof configuration cannot be canonicalized.") { Inner = inner };
}
