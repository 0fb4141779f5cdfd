using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Http;
using Credentials.Keys;
using Credentials.W3c.JsonLd;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// Verifies every Data Integrity proof of a JSON or JSON-LD document (VC Data Integrity 1.0 sections 4.4 and 4.5):
/// single proofs, proof sets and proof chains, with the cryptosuites the verifier allows, the key resolved through DIDs
/// and checked against the relationship the proof purpose names. Never throws for bad input. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Checks run in this order for each proof: structure, <c>type</c> and cryptosuite allow-list, proof purpose, domain and
/// challenge, <c>previousProof</c>, verification method (DID resolution, relationship, controller, key type), signature,
/// then <c>created</c> and <c>expires</c>. The first failure is returned, with <see cref="VerificationError.Path"/> naming
/// the proof (<c>["proof"]</c> or <c>["proof", i]</c>).
/// </remarks>
public sealed class DataIntegrityVerifier
{
    /// <summary>The most imported verification keys kept per verifier (least recently used dropped first).</summary>
    internal const int MaxCachedKeys = 1024;

    private readonly IDidResolver _didResolver;
    private readonly DataIntegrityVerifierOptions _options;
    private readonly JsonLdProcessor _jsonLd;

    // Decoding a Multikey and importing it (the Ed25519 point checks, the platform's EC import) costs more than a
    // signature verification, so keys are imported once. The cache is content-addressed (the method's type and key),
    // so a changed DID document can never be answered with an old key.
    private readonly BoundedCache<CachedKey> _keys;

    /// <summary>Creates a verifier.</summary>
    /// <param name="didResolver">Resolves the DIDs of verification methods (for example <see cref="DidResolver.CreateDefault"/>).</param>
    /// <param name="options">The allow-list, clock and limits; <see cref="DataIntegrityVerifierOptions.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid (no cryptosuite allowed, a negative skew or a limit below 1).</exception>
    /// <exception cref="InvalidOperationException">The JSON-LD options are invalid.</exception>
    public DataIntegrityVerifier(IDidResolver didResolver, DataIntegrityVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(didResolver);
        options ??= DataIntegrityVerifierOptions.Default;
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        ArgumentNullException.ThrowIfNull(options.AllowedCryptosuites, nameof(options));
        ArgumentNullException.ThrowIfNull(options.DocumentLoader, nameof(options));
        ArgumentNullException.ThrowIfNull(options.JsonLd, nameof(options));
        if (options.AllowedCryptosuites.Count == 0 || options.ClockSkew < TimeSpan.Zero || options.MaxProofs < 1 || options.MaxDepth < 1)
        {
            throw new ArgumentException("The options need at least one cryptosuite, a non-negative skew and positive limits.", nameof(options));
        }

        foreach (var suite in options.AllowedCryptosuites)
        {
            ArgumentNullException.ThrowIfNull(suite, nameof(options));
        }

        _didResolver = didResolver;
        _options = options;
        _jsonLd = new JsonLdProcessor(options.DocumentLoader, options.JsonLd);
        _keys = new BoundedCache<CachedKey>(MaxCachedKeys, options.TimeProvider);
    }

    /// <summary>Verifies every proof of a parsed secured document.</summary>
    /// <param name="securedDocument">The secured document (a JSON object). It is checked first for what a lenient parse
    /// lets through: duplicate member names, lone surrogates and nesting deeper than <see cref="DataIntegrityVerifierOptions.MaxDepth"/>.</param>
    /// <param name="requirement">The proof purpose, and challenge and domain, every proof must have: <see cref="ProofRequirement.AssertionMethod"/> for credentials.</param>
    /// <param name="cancellationToken">Cancels DID resolution.</param>
    /// <returns>The verified document, or a <c>di.*</c> error.</returns>
    public ValueTask<VerificationResult<VerifiedDataIntegrityDocument>> VerifyAsync(JsonElement securedDocument, ProofRequirement requirement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        if (!StrictJson.IsStrict(securedDocument, _options.MaxDepth))
        {
            return Failure(new VerificationError(DataIntegrityErrors.InvalidDocument, "The document has duplicate member names, lone surrogates or too deep a nesting."));
        }

        return VerifyCoreAsync(securedDocument, requirement, cancellationToken);
    }

    /// <summary>Verifies a document already parsed strictly (duplicate members and lone surrogates refused).</summary>
    internal async ValueTask<VerificationResult<VerifiedDataIntegrityDocument>> VerifyCoreAsync(JsonElement document, ProofRequirement requirement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        if (document.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(DataIntegrityErrors.InvalidDocument, "A secured document is a JSON object.");
        }

        // VC Data Integrity 1.0 section 2.1: a single proof object or an unordered set of them.
        if (!document.TryGetProperty("proof", out var proofMember))
        {
            return new VerificationError(DataIntegrityErrors.MissingProof, "The document has no proof.");
        }

        var elements = new List<JsonElement>();
        var isSet = proofMember.ValueKind == JsonValueKind.Array;
        if (isSet)
        {
            if (proofMember.GetArrayLength() > _options.MaxProofs)
            {
                return new VerificationError(DataIntegrityErrors.TooManyProofs, "The document has more proofs than the limit.");
            }

            elements.AddRange(proofMember.EnumerateArray());
            if (elements.Count == 0)
            {
                return new VerificationError(DataIntegrityErrors.MissingProof, "The document's proof set is empty.");
            }
        }
        else
        {
            elements.Add(proofMember);
        }

        var proofs = new DataIntegrityProof[elements.Count];
        for (var i = 0; i < elements.Count; i++)
        {
            var read = DataIntegrityProof.Read(elements[i]);
            if (!read.IsValid)
            {
                return At(read.Error, isSet, i);
            }

            proofs[i] = read.Value;
            for (var j = 0; j < i; j++)
            {
                // previousProof names proofs by id; two proofs with one id would make a chain ambiguous.
                if (proofs[i].Id is not null && string.Equals(proofs[i].Id, proofs[j].Id, StringComparison.Ordinal))
                {
                    return At(new VerificationError(DataIntegrityErrors.InvalidProof, "Two proofs have the same id."), isSet, i);
                }
            }
        }

        var verified = new VerifiedDataIntegrityProof[proofs.Length];
        var documentHashes = proofs.Length > 1 ? new DocumentHashCache() : null;
        for (var i = 0; i < proofs.Length; i++)
        {
            var result = await VerifyProofAsync(document, proofs, i, requirement, documentHashes, cancellationToken).ConfigureAwait(false);
            if (!result.IsValid)
            {
                return At(result.Error, isSet, i);
            }

            verified[i] = result.Value;
        }

        return new VerifiedDataIntegrityDocument { Document = document, Proofs = verified };
    }

    private async ValueTask<VerificationResult<VerifiedDataIntegrityProof>> VerifyProofAsync(JsonElement document, DataIntegrityProof[] allProofs, int index, ProofRequirement requirement, DocumentHashCache? documentHashes, CancellationToken cancellationToken)
    {
        var proof = allProofs[index];

        // VC DI EdDSA / ECDSA 1.0 section 2.2.1: the type is DataIntegrityProof; the suite is one the verifier allows.
        if (!string.Equals(proof.Type, DataIntegrityProof.DataIntegrityProofType, StringComparison.Ordinal))
        {
            return new VerificationError(DataIntegrityErrors.UnsupportedProofType, "Only proofs of type DataIntegrityProof are supported.");
        }

        if (!Cryptosuite.TryGet(proof.Cryptosuite, out var suite) || !IsAllowed(suite))
        {
            return new VerificationError(DataIntegrityErrors.UnsupportedCryptosuite, "The proof's cryptosuite is unknown or not allowed.");
        }

        // VC Data Integrity 1.0 section 4.4 steps 5 to 7.
        if (!string.Equals(proof.ProofPurpose, requirement.ProofPurpose, StringComparison.Ordinal))
        {
            return new VerificationError(DataIntegrityErrors.ProofPurposeMismatch, $"The proof purpose is not {requirement.ProofPurpose}.");
        }

        if (requirement.Domain.Count > 0 && !SameSet(requirement.Domain, proof.Domain))
        {
            return new VerificationError(DataIntegrityErrors.DomainMismatch, "The proof's domain is not the expected one.");
        }

        if (requirement.Challenge is not null && !string.Equals(requirement.Challenge, proof.Challenge, StringComparison.Ordinal))
        {
            return new VerificationError(DataIntegrityErrors.ChallengeMismatch, "The proof's challenge is not the expected one.");
        }

        // Section 4.5 step 3.1: the proofs previousProof names, each of which must exist.
        var previous = new List<JsonElement>(proof.PreviousProof.Count);
        foreach (var id in proof.PreviousProof)
        {
            if (!ContainsId(allProofs, id))
            {
                return new VerificationError(DataIntegrityErrors.PreviousProofNotFound, "A previousProof names no proof of the document.");
            }
        }

        if (proof.PreviousProof.Count > 0)
        {
            foreach (var candidate in allProofs)
            {
                if (candidate.Id is not null && Contains(proof.PreviousProof, candidate.Id))
                {
                    previous.Add(candidate.Json);
                }
            }
        }

        var resolved = await ResolveVerificationMethodAsync(proof, cancellationToken).ConfigureAwait(false);
        if (!resolved.IsValid)
        {
            return resolved.Error;
        }

        var (method, key) = resolved.Value;
        var algorithm = suite.AlgorithmFor(method.PublicKey.Kty, method.PublicKey.Crv);
        if (algorithm is null)
        {
            return new VerificationError(DataIntegrityErrors.KeyTypeMismatch, $"The verification method's key cannot be used with {suite.Name}.");
        }

        // Controlled Identifiers 1.0 section 2.4: multibase base58btc; the suites fix the signature length.
        var signature = Multibase.TryDecodeBase58Btc(proof.ProofValue, 256);
        if (signature is null || signature.Length != algorithm.SignatureSize)
        {
            return new VerificationError(DataIntegrityErrors.InvalidProofValue, "The proofValue is not a base58btc signature of the right length.");
        }

        // VC DI EdDSA / ECDSA 1.0 section 3.3.2 step 4: a JCS proof that carries @context was made over a document
        // whose @context starts with it, and the document is hashed with the proof's @context.
        JsonElement? context = null;
        if (suite.UsesJcs && proof.Json.TryGetProperty("@context", out var proofContext))
        {
            if (!document.TryGetProperty("@context", out var documentContext) || !StartsWith(documentContext, proofContext))
            {
                return new VerificationError(DataIntegrityErrors.ContextMismatch, "The document's @context does not start with the proof's @context.");
            }

            context = proofContext;
        }

        var hashData = await ProofHashing.ComputeHashDataAsync(suite, Cryptosuite.HashFor(algorithm), document, proof.Json, previous, context, _jsonLd, documentHashes, cancellationToken).ConfigureAwait(false);
        if (!hashData.IsValid)
        {
            return hashData.Error;
        }

        // Sections 3.2.7 and 3.3.7: the signature is over the hash data (ECDSA hashes it once more with the curve's hash).
        if (!key.Verify(algorithm, hashData.Value, signature))
        {
            return new VerificationError(DataIntegrityErrors.InvalidSignature, "The proof's signature does not verify.");
        }

        // Only now, with the proof authentic, are its times worth reading.
        var now = _options.TimeProvider.GetUtcNow();
        if (proof.Expires is { } expires && now - _options.ClockSkew >= expires)
        {
            return new VerificationError(DataIntegrityErrors.ProofExpired, "The proof has expired.");
        }

        if (proof.Created is { } created && created > now + _options.ClockSkew)
        {
            return new VerificationError(DataIntegrityErrors.ProofNotYetValid, "The proof was created in the future.");
        }

        return new VerifiedDataIntegrityProof { Proof = proof, Cryptosuite = suite, VerificationMethod = method.Did, Controller = method.Controller, PublicKey = method.PublicKey };
    }

    // Controlled Identifiers 1.0 section 3.3 (Retrieve Verification Method) with DID resolution: the method must be in
    // the DID document, listed under the relationship the proof purpose names, and controlled by that DID. Other URLs go
    // to the configured resolver, under the same rules.
    private async ValueTask<VerificationResult<(ResolvedMethod Method, VerificationKey Key)>> ResolveVerificationMethodAsync(DataIntegrityProof proof, CancellationToken cancellationToken)
    {
        if (!ProofPurposes.TryGetRelationship(proof.ProofPurpose, out var relationship))
        {
            return new VerificationError(DataIntegrityErrors.ProofPurposeMismatch, "The proof purpose names no verification relationship.");
        }

        if (!DidUrl.TryParse(proof.VerificationMethod, out var url))
        {
            return await ResolveOtherMethodAsync(proof.VerificationMethod, relationship, cancellationToken).ConfigureAwait(false);
        }

        var document = await _didResolver.ResolveAsync(url.Did, cancellationToken).ConfigureAwait(false);
        if (!document.IsValid)
        {
            return new VerificationError(DataIntegrityErrors.VerificationMethodUnresolved, "The verification method's DID does not resolve.") { Inner = document.Error };
        }

        var method = document.Value.FindVerificationMethod(url);
        if (!method.IsValid)
        {
            return new VerificationError(DataIntegrityErrors.VerificationMethodUnresolved, "The DID document has no such verification method.") { Inner = method.Error };
        }

        if (!document.Value.IsAuthorized(url, relationship))
        {
            return new VerificationError(DataIntegrityErrors.VerificationMethodNotAuthorized, $"The verification method is not listed under {proof.ProofPurpose}.");
        }

        if (!string.Equals(method.Value.Controller, url.Did.Value, StringComparison.Ordinal))
        {
            return new VerificationError(DataIntegrityErrors.ControllerMismatch, "The verification method is not controlled by its DID.");
        }

        var key = GetKey(method.Value);
        if (!key.IsValid)
        {
            return key.Error;
        }

        var resolved = new ResolvedVerificationMethod { Id = url, Method = method.Value, PublicKey = key.Value.PublicKey, Document = document.Value };
        return (new ResolvedMethod(resolved, url.Did.Value, key.Value.PublicKey), key.Value.Key);
    }

    private async ValueTask<VerificationResult<(ResolvedMethod Method, VerificationKey Key)>> ResolveOtherMethodAsync(string methodId, Dids.VerificationRelationship relationship, CancellationToken cancellationToken)
    {
        if (_options.VerificationMethods is not { } resolver || !Uri.TryCreate(methodId, UriKind.Absolute, out _))
        {
            return new VerificationError(DataIntegrityErrors.VerificationMethodUnresolved, "The verification method is not a DID URL, and no resolver for other URLs is configured.");
        }

        var method = await resolver.ResolveAsync(methodId, relationship, cancellationToken).ConfigureAwait(false);
        if (!method.IsValid)
        {
            return method.Error;
        }

        // Controlled Identifiers 1.0 section 3.3: the method found is the one asked for, and its controller is the
        // controller document the URL names (the URL without its fragment).
        if (!string.Equals(method.Value.Id, methodId, StringComparison.Ordinal))
        {
            return new VerificationError(DataIntegrityErrors.VerificationMethodUnresolved, "The resolver returned another verification method.");
        }

        if (!string.Equals(method.Value.Controller, StaticVerificationMethodResolver.ControllerDocumentUrl(methodId), StringComparison.Ordinal))
        {
            return new VerificationError(DataIntegrityErrors.ControllerMismatch, "The verification method is not controlled by the document its URL names.");
        }

        var key = GetKey(method.Value);
        if (!key.IsValid)
        {
            return key.Error;
        }

        return (new ResolvedMethod(null, method.Value.Controller, key.Value.PublicKey), key.Value.Key);
    }

    private VerificationResult<CachedKey> GetKey(VerificationMethod method)
    {
        var cacheKey = method.PublicKeyMultibase is { } multibase
            ? string.Concat(method.Type, " ", multibase)
            : method.PublicKeyJwk is { } jwk ? string.Concat(method.Type, " ", jwk.ToJson()) : null;
        if (cacheKey is not null && _keys.TryGet(cacheKey, out var cached))
        {
            return cached;
        }

        var publicKey = method.GetPublicKey();
        if (!publicKey.IsValid)
        {
            return publicKey.Error.Code == DidErrors.UnsupportedKeyType
                ? new VerificationError(DataIntegrityErrors.KeyTypeMismatch, "The verification method's key type is not supported.") { Inner = publicKey.Error }
                : new VerificationError(DataIntegrityErrors.VerificationMethodUnresolved, "The verification method's key is invalid.") { Inner = publicKey.Error };
        }

        var imported = VerificationKey.FromJwk(publicKey.Value);
        if (!imported.IsValid)
        {
            return imported.Error.Code == KeyErrors.UnsupportedKeyType
                ? new VerificationError(DataIntegrityErrors.KeyTypeMismatch, "The verification method's key type is not supported.") { Inner = imported.Error }
                : new VerificationError(DataIntegrityErrors.VerificationMethodUnresolved, "The verification method's key is not usable.") { Inner = imported.Error };
        }

        var entry = new CachedKey(publicKey.Value, imported.Value);
        if (cacheKey is not null)
        {
            // Dropped entries are not disposed (another verification may be using them); the runtime frees them.
            _keys.Set(cacheKey, entry, DateTimeOffset.MaxValue);
        }

        return entry;
    }

    private bool IsAllowed(Cryptosuite suite)
    {
        foreach (var allowed in _options.AllowedCryptosuites)
        {
            if (ReferenceEquals(allowed, suite))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsId(DataIntegrityProof[] proofs, string id)
    {
        foreach (var proof in proofs)
        {
            if (string.Equals(proof.Id, id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (var candidate in values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameSet(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        foreach (var value in expected)
        {
            if (!Contains(actual, value))
            {
                return false;
            }
        }

        foreach (var value in actual)
        {
            if (!Contains(expected, value))
            {
                return false;
            }
        }

        return true;
    }

    // The document's @context "starts with all values contained in" the proof's, in the same order; a single value
    // counts as a list of one.
    private static bool StartsWith(JsonElement documentContext, JsonElement proofContext)
    {
        var document = AsList(documentContext);
        var prefix = AsList(proofContext);
        if (prefix.Count == 0 || prefix.Count > document.Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.Count; i++)
        {
            if (!JsonElement.DeepEquals(document[i], prefix[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static List<JsonElement> AsList(JsonElement value)
    {
        var list = new List<JsonElement>();
        if (value.ValueKind == JsonValueKind.Array)
        {
            list.AddRange(value.EnumerateArray());
        }
        else
        {
            list.Add(value);
        }

        return list;
    }

    private sealed record CachedKey(Jwk PublicKey, VerificationKey Key);

    private sealed record ResolvedMethod(ResolvedVerificationMethod? Did, string Controller, Jwk PublicKey);

    private static VerificationError At(VerificationError error, bool isSet, int index)
        => error with { Path = isSet ? ClaimPath.Create("proof", index) : ClaimPath.Of("proof") };

    private static ValueTask<VerificationResult<VerifiedDataIntegrityDocument>> Failure(VerificationError error)
        => ValueTask.FromResult(VerificationResult<VerifiedDataIntegrityDocument>.Failure(error));
}
