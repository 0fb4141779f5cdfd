using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Keys;
using Credentials.W3c.JsonLd;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// Adds Data Integrity proofs to JSON and JSON-LD documents (VC Data Integrity 1.0 sections 4.2 and 4.3): a first proof,
/// another proof of a proof set, or a proof chained to earlier ones through <c>previousProof</c>. Signs through an
/// <see cref="ISigner"/> (Ed25519 for the EdDSA suites, ES256 or ES384 for the ECDSA suites). Stateless and thread-safe.
/// </summary>
public sealed class DataIntegrityIssuer
{
    private readonly ISigner _signer;
    private readonly string _verificationMethod;
    private readonly DataIntegrityIssuerOptions _options;
    private readonly JsonLdProcessor _jsonLd;

    /// <summary>Creates an issuer for one key.</summary>
    /// <param name="signer">The signing key.</param>
    /// <param name="verificationMethod">The URL of the key's verification method, written as <c>verificationMethod</c>
    /// (for a did:key, <c>did:key:z…#z…</c>); verifiers resolve it and check it is listed under the proof purpose.</param>
    /// <param name="options">The clock and JSON-LD settings; <see cref="DataIntegrityIssuerOptions.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The verification method is empty, or the signer's algorithm fits no suite.</exception>
    /// <exception cref="InvalidOperationException">The JSON-LD options are invalid.</exception>
    public DataIntegrityIssuer(ISigner signer, string verificationMethod, DataIntegrityIssuerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentException.ThrowIfNullOrEmpty(verificationMethod);
        options ??= DataIntegrityIssuerOptions.Default;
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        ArgumentNullException.ThrowIfNull(options.DocumentLoader, nameof(options));
        ArgumentNullException.ThrowIfNull(options.JsonLd, nameof(options));
        if (!signer.Algorithm.IsEdDsa && signer.Algorithm != JwsAlgorithm.Es256 && signer.Algorithm != JwsAlgorithm.Es384)
        {
            throw new ArgumentException($"No Data Integrity cryptosuite signs with {signer.Algorithm.Name}.", nameof(signer));
        }

        _signer = signer;
        _verificationMethod = verificationMethod;
        _options = options;
        _jsonLd = new JsonLdProcessor(options.DocumentLoader, options.JsonLd);
    }

    /// <summary>
    /// Returns a copy of the document with one more proof: the <c>proof</c> member holds the proof alone when the
    /// document had none, else the earlier proofs followed by the new one. The input is not changed.
    /// </summary>
    /// <param name="document">The document (a credential, presentation or any JSON-LD document); any proofs it holds stay.</param>
    /// <param name="options">The proof's cryptosuite, purpose, times and links.</param>
    /// <param name="cancellationToken">Cancels a remote signing call.</param>
    /// <returns>The secured document.</returns>
    /// <exception cref="ArgumentException">The cryptosuite does not fit the key, a <c>previousProof</c> names no proof of
    /// the document, the document's <c>proof</c> is not an object or array of objects, or the document cannot be
    /// canonicalized (lone surrogates, non-finite numbers, or, for RDFC suites, terms its contexts do not define).</exception>
    public async ValueTask<JsonObject> AddProofAsync(JsonObject document, DataIntegrityProofOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Cryptosuite, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.ProofPurpose, nameof(options));
        ArgumentNullException.ThrowIfNull(options.PreviousProof, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Domain, nameof(options));
        var suite = options.Cryptosuite;
        if (!suite.CanSignWith(_signer.Algorithm))
        {
            throw new ArgumentException($"{suite.Name} cannot sign with {_signer.Algorithm.Name}.", nameof(options));
        }

        // The writer would replace a lone surrogate silently and sign something else than the caller's document.
        using (var check = ScratchBuffer.Rent())
        {
            var invalid = Jcs.JcsWriter.TryWrite(document, check);
            if (invalid is not null)
            {
                throw new ArgumentException($"The document cannot be secured ({invalid.Code}).", nameof(document));
            }
        }

        // Every hash is computed from one serialization of the input, the same way a verifier computes it.
        var input = ToElement(document);
        var allProofs = ExistingProofs(input);

        // Section 4.3 steps 4 and 5: the proofs previousProof names must be on the document.
        var previous = new List<JsonElement>();
        foreach (var id in options.PreviousProof)
        {
            if (!allProofs.Exists(p => p.TryGetProperty("id", out var pid) && pid.ValueKind == JsonValueKind.String && pid.ValueEquals(id)))
            {
                throw new ArgumentException("A previousProof names no proof of the document.", nameof(options));
            }
        }

        foreach (var candidate in allProofs)
        {
            if (candidate.TryGetProperty("id", out var pid) && pid.ValueKind == JsonValueKind.String && Names(options.PreviousProof, pid))
            {
                previous.Add(candidate);
            }
        }

        var proof = CreateProofOptions(options, input);
        var proofElement = ToElement(proof);
        var hashData = await ProofHashing.ComputeHashDataAsync(suite, Cryptosuite.HashFor(_signer.Algorithm), input, proofElement, previous, context: null, _jsonLd, documentHashes: null, cancellationToken).ConfigureAwait(false);
        if (!hashData.IsValid)
        {
            throw new ArgumentException($"The document cannot be secured ({hashData.Error.Code}, {hashData.Error.Inner?.Code}).", nameof(document));
        }

        var signature = await _signer.SignAsync(hashData.Value, cancellationToken).ConfigureAwait(false);
        if (signature is null || signature.Length != _signer.Algorithm.SignatureSize)
        {
            throw new InvalidOperationException($"The signer returned a signature that is not {_signer.Algorithm.SignatureSize} bytes.");
        }

        // Sections 3.2.1 and 3.3.1 of the suites: proofValue is the base58btc multibase signature.
        proof["proofValue"] = Multibase.EncodeBase58Btc(signature);

        var secured = (JsonObject)document.DeepClone();
        if (allProofs.Count == 0)
        {
            secured["proof"] = proof;
        }
        else
        {
            // Section 4.3 step 8: the earlier proofs, then the new one.
            var set = new JsonArray();
            foreach (var existing in allProofs)
            {
                set.Add(JsonNode.Parse(existing.GetRawText()));
            }

            set.Add((JsonNode)proof);
            secured["proof"] = set;
        }

        return secured;
    }

    private JsonObject CreateProofOptions(DataIntegrityProofOptions options, JsonElement document)
    {
        var proof = new JsonObject();
        if (options.Id is not null)
        {
            proof["id"] = options.Id;
        }

        proof["type"] = DataIntegrityProof.DataIntegrityProofType;
        proof["cryptosuite"] = options.Cryptosuite.Name;
        proof["created"] = XsdDateTime.Format(options.Created ?? _options.TimeProvider.GetUtcNow());
        if (options.Expires is { } expires)
        {
            proof["expires"] = XsdDateTime.Format(expires);
        }

        proof["verificationMethod"] = _verificationMethod;
        proof["proofPurpose"] = options.ProofPurpose;
        if (options.Challenge is not null)
        {
            proof["challenge"] = options.Challenge;
        }

        if (options.Domain.Count > 0)
        {
            proof["domain"] = StringOrArray(options.Domain);
        }

        if (options.Nonce is not null)
        {
            proof["nonce"] = options.Nonce;
        }

        if (options.PreviousProof.Count > 0)
        {
            proof["previousProof"] = StringOrArray(options.PreviousProof);
        }

        // VC DI EdDSA / ECDSA 1.0 section 3.3.1 step 2: a JCS proof carries the document's @context, so that it still
        // verifies inside a proof set or chain whose document gains contexts later.
        if (options.Cryptosuite.UsesJcs && document.TryGetProperty("@context", out var context))
        {
            proof["@context"] = JsonNode.Parse(context.GetRawText());
        }

        return proof;
    }

    private static JsonNode StringOrArray(IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            return JsonValue.Create(values[0]);
        }

        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add((JsonNode)JsonValue.Create(value));
        }

        return array;
    }

    private static bool Names(IReadOnlyList<string> ids, JsonElement id)
    {
        foreach (var candidate in ids)
        {
            if (id.ValueEquals(candidate))
            {
                return true;
            }
        }

        return false;
    }

    private static List<JsonElement> ExistingProofs(JsonElement document)
    {
        var proofs = new List<JsonElement>();
        if (!document.TryGetProperty("proof", out var member))
        {
            return proofs;
        }

        if (member.ValueKind == JsonValueKind.Object)
        {
            proofs.Add(member);
            return proofs;
        }

        if (member.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException("The document's proof is neither an object nor an array.", nameof(document));
        }

        foreach (var item in member.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("The document's proof set holds something that is not an object.", nameof(document));
            }

            proofs.Add(item);
        }

        return proofs;
    }

    private static JsonElement ToElement(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            node.WriteTo(writer);
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }
}
