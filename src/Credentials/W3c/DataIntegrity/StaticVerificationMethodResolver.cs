using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// Verification methods known in advance (configured issuer keys), for identifiers that are URLs other than DID URLs:
/// each method is authorized for the relationships given (by default <c>assertionMethod</c> only), and its controller
/// is the URL of the method without its fragment, as if its controller document had been fetched (Controlled
/// Identifiers 1.0 section 3.3). Immutable and thread-safe.
/// </summary>
public sealed class StaticVerificationMethodResolver : IVerificationMethodResolver
{
    private readonly FrozenDictionary<string, VerificationMethod> _methods;
    private readonly VerificationRelationship[] _relationships;

    /// <summary>Creates a resolver.</summary>
    /// <param name="methods">
    /// The methods: each with an absolute non-DID URL as <see cref="VerificationMethod.Id"/>, a
    /// <see cref="VerificationMethod.Controller"/> equal to that URL without its fragment (the issuer's id, when the
    /// issuer is the controller document), and a valid public key (a <c>Multikey</c>, <c>JsonWebKey</c> or
    /// <c>Ed25519VerificationKey2020</c> method).
    /// </param>
    /// <param name="relationships">The relationships the methods are authorized for; <c>assertionMethod</c> when none are given.</param>
    /// <exception cref="ArgumentException">A method is null, repeated, identified by a DID URL or a relative URL, controlled by another URL than its own document's, or holds no valid public key.</exception>
    public StaticVerificationMethodResolver(IEnumerable<VerificationMethod> methods, params VerificationRelationship[] relationships)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(relationships);
        var map = new Dictionary<string, VerificationMethod>(StringComparer.Ordinal);
        foreach (var method in methods)
        {
            ArgumentNullException.ThrowIfNull(method, nameof(methods));
            if (method.Id.StartsWith("did:", StringComparison.Ordinal) || !Uri.TryCreate(method.Id, UriKind.Absolute, out _))
            {
                throw new ArgumentException("A method's id must be an absolute URL other than a DID URL.", nameof(methods));
            }

            if (!string.Equals(method.Controller, ControllerDocumentUrl(method.Id), StringComparison.Ordinal))
            {
                throw new ArgumentException("A method's controller must be its id without the fragment (Controlled Identifiers 1.0 section 3.3).", nameof(methods));
            }

            if (!method.GetPublicKey().IsValid || method.PublicKeyJwk is { HasPrivateKey: true })
            {
                throw new ArgumentException("A method must hold a valid public key.", nameof(methods));
            }

            if (!map.TryAdd(method.Id, method))
            {
                throw new ArgumentException("A method id is repeated.", nameof(methods));
            }
        }

        _methods = map.ToFrozenDictionary(StringComparer.Ordinal);
        _relationships = relationships.Length == 0 ? [VerificationRelationship.AssertionMethod] : (VerificationRelationship[])relationships.Clone();
    }

    /// <inheritdoc />
    public ValueTask<VerificationResult<VerificationMethod>> ResolveAsync(string verificationMethodId, VerificationRelationship relationship, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verificationMethodId);
        if (!_methods.TryGetValue(verificationMethodId, out var method))
        {
            return ValueTask.FromResult(VerificationResult<VerificationMethod>.Failure(
                new VerificationError(DataIntegrityErrors.VerificationMethodUnresolved, "The verification method is not a configured one.")));
        }

        if (Array.IndexOf(_relationships, relationship) < 0)
        {
            return ValueTask.FromResult(VerificationResult<VerificationMethod>.Failure(
                new VerificationError(DataIntegrityErrors.VerificationMethodNotAuthorized, "The verification method is not configured for this proof purpose.")));
        }

        return ValueTask.FromResult(VerificationResult<VerificationMethod>.Success(method));
    }

    /// <summary>The URL of a method's controller document: the method's URL without its fragment.</summary>
    internal static string ControllerDocumentUrl(string methodId)
    {
        var hash = methodId.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? methodId : methodId[..hash];
    }
}
