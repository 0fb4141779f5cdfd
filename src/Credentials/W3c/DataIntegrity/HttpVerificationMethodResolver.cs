using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Http;
using Credentials.Internal;
using Credentials.Keys;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// Retrieves verification methods that are HTTPS URLs by fetching their controller document (Controlled Identifiers
/// 1.0 section 3.3): the URL without its fragment is fetched through a guarded <see cref="HttpFetcher"/> (HTTPS and
/// public addresses only by default, size and time capped); the document's <c>id</c> must be that URL; the method with
/// the requested <c>id</c> must be in it, controlled by the document, and listed under the relationship the proof
/// purpose names. Not used unless configured (<see cref="DataIntegrityVerifierOptions.VerificationMethods"/>): a
/// verifier that fetches lets the issuer see when its credentials are verified. Documents are not cached. Thread-safe.
/// </summary>
public sealed class HttpVerificationMethodResolver : IVerificationMethodResolver
{
    /// <summary>The deepest JSON nesting read in a controller document.</summary>
    internal const int MaxDepth = 32;

    private static readonly string[] s_mediaTypes = ["application/cid", "application/did", "application/ld+json", "application/json"];

    private readonly HttpFetcher _fetcher;

    /// <summary>Creates a resolver.</summary>
    /// <param name="fetcher">The guarded fetcher (for example over <see cref="GuardedHttpHandler.CreateClient"/>).</param>
    public HttpVerificationMethodResolver(HttpFetcher fetcher)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        _fetcher = fetcher;
    }

    /// <inheritdoc />
    public async ValueTask<VerificationResult<VerificationMethod>> ResolveAsync(string verificationMethodId, VerificationRelationship relationship, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verificationMethodId);
        var hash = verificationMethodId.IndexOf('#', StringComparison.Ordinal);
        if (hash <= 0 || hash == verificationMethodId.Length - 1 || !Uri.TryCreate(verificationMethodId[..hash], UriKind.Absolute, out var documentUrl))
        {
            return Unresolved("The verification method is not an absolute URL with a fragment.");
        }

        var documentId = verificationMethodId[..hash];
        var fetched = await _fetcher.GetAsync(documentUrl, s_mediaTypes, s_mediaTypes, cancellationToken).ConfigureAwait(false);
        if (!fetched.IsValid)
        {
            return new VerificationError(DataIntegrityErrors.VerificationMethodUnresolved, "The controller document could not be fetched.") { Inner = fetched.Error };
        }

        if (!SafeJson.TryParseElement(fetched.Value.Body, out var document, MaxDepth) || document.ValueKind != JsonValueKind.Object)
        {
            return Unresolved("The controller document is not a strict JSON object.");
        }

        // Section 3.3: the document's id is the URL it was retrieved from (without the fragment).
        if (!document.TryGetString("id", out var id) || !string.Equals(id, documentId, StringComparison.Ordinal))
        {
            return new VerificationError(DataIntegrityErrors.ControllerMismatch, "The controller document's id is not the URL of the verification method's document.");
        }

        JsonElement? method = null;
        if (document.TryGetProperty("verificationMethod", out var methods) && methods.ValueKind == JsonValueKind.Array)
        {
            method = Find(methods, documentId, verificationMethodId);
        }

        var listed = false;
        if (document.TryGetProperty(RelationshipName(relationship), out var references) && references.ValueKind == JsonValueKind.Array)
        {
            foreach (var reference in references.EnumerateArray())
            {
                if (reference.ValueKind == JsonValueKind.String && string.Equals(Absolute(reference.GetString()!, documentId), verificationMethodId, StringComparison.Ordinal))
                {
                    listed = true;
                }
                else if (reference.ValueKind == JsonValueKind.Object && reference.TryGetString("id", out var embeddedId) && string.Equals(Absolute(embeddedId, documentId), verificationMethodId, StringComparison.Ordinal))
                {
                    listed = true;
                    method ??= reference;
                }
            }
        }

        if (method is not { } found)
        {
            return Unresolved("The controller document has no such verification method.");
        }

        if (!listed)
        {
            return new VerificationError(DataIntegrityErrors.VerificationMethodNotAuthorized, "The verification method is not listed under the proof purpose's relationship.");
        }

        return Read(found, documentId, verificationMethodId);
    }

    private static JsonElement? Find(JsonElement methods, string documentId, string methodId)
    {
        foreach (var candidate in methods.EnumerateArray())
        {
            if (candidate.ValueKind == JsonValueKind.Object && candidate.TryGetString("id", out var candidateId) && string.Equals(Absolute(candidateId, documentId), methodId, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }

    private static VerificationResult<VerificationMethod> Read(JsonElement element, string documentId, string methodId)
    {
        if (!element.TryGetString("type", out var type) || !element.TryGetString("controller", out var controller))
        {
            return Unresolved("The verification method needs 'type' and 'controller'.");
        }

        Jwk? jwk = null;
        if (element.TryGetProperty("publicKeyJwk", out var jwkElement))
        {
            var read = Jwk.ReadPublic(jwkElement);
            if (!read.IsValid)
            {
                return new VerificationError(DataIntegrityErrors.VerificationMethodUnresolved, "The verification method's publicKeyJwk is not a public JWK.") { Inner = read.Error };
            }

            jwk = read.Value;
        }

        string? multibase = null;
        if (element.TryGetProperty("publicKeyMultibase", out var multibaseElement))
        {
            if (multibaseElement.ValueKind != JsonValueKind.String)
            {
                return Unresolved("The verification method's publicKeyMultibase is not a string.");
            }

            multibase = multibaseElement.GetString();
        }

        if ((jwk is null) == (multibase is null))
        {
            return Unresolved("The verification method needs exactly one of publicKeyJwk and publicKeyMultibase.");
        }

        return new VerificationMethod { Id = methodId, Type = type, Controller = Absolute(controller, documentId), PublicKeyJwk = jwk, PublicKeyMultibase = multibase };
    }

    // A reference relative to the document ('#key-1') is resolved against its id.
    private static string Absolute(string reference, string documentId) => reference.StartsWith('#') ? documentId + reference : reference;

    private static string RelationshipName(VerificationRelationship relationship) => relationship switch
    {
        VerificationRelationship.Authentication => ProofPurposes.Authentication,
        VerificationRelationship.AssertionMethod => ProofPurposes.AssertionMethod,
        VerificationRelationship.KeyAgreement => ProofPurposes.KeyAgreement,
        VerificationRelationship.CapabilityInvocation => ProofPurposes.CapabilityInvocation,
        _ => ProofPurposes.CapabilityDelegation,
    };

    private static VerificationError Unresolved(string message) => new(DataIntegrityErrors.VerificationMethodUnresolved, message);
}
