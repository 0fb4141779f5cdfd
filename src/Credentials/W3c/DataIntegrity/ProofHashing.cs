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
    /// <param name="cancellationToken">Cancels context loading.</param>
    public static ValueTask<VerificationResult<byte[]>> ComputeHashDataAsync(Cryptosuite suite, HashAlgorithmName hash, JsonElement document, JsonElement proof, IReadOnlyList<JsonElement> previousProofs, JsonElement? context, JsonLdProcessor processor, CancellationToken cancellationToken)
    {
        return suite.UsesJcs
            ? ValueTask.FromResult(ComputeJcsHashData(hash, document, proof, previousProofs, context))
            : RdfcTransform.ComputeHashDataAsync(processor, hash, document, proof, previousProofs, cancellationToken);
    }

    /// <summary>Computes the hash data of a JCS suite (VC DI EdDSA and ECDSA 1.0 sections 3.3.3 to 3.3.5).</summary>
    public static VerificationResult<byte[]> ComputeJcsHashData(HashAlgorithmName hash, JsonElement document, JsonElement proof, IReadOnlyList<JsonElement> previousProofs, JsonElement? context)
    {
        var size = HashSize(hash);
        var hashData = new byte[2 * size];
        using var scratch = ScratchBuffer.Rent();

        // Sections 3.3.5 and 3.3.4: the proof configuration is the proof without its value, hashed first.
        var error = WriteJcsProofConfiguration(proof, scratch);
        if (error is not null)
        {
            return Failed(error);
        }

        Hash(hash, scratch.WrittenSpan, hashData.AsSpan(0, size));
        scratch.Reset();

        // Section 3.3.3: the document without its proof (with the proofs a chain secures), then hashed second.
        error = WriteJcsDocument(document, previousProofs, context, scratch);
        if (error is not null)
        {
            return Failed(error);
        }

        Hash(hash, scratch.WrittenSpan, hashData.AsSpan(size));
        return hashData;
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
