using System;

namespace Credentials.Dids;

/// <summary>
/// An entry of a verification relationship (DID Core 1.0 section 5.3): either a reference to a verification method
/// (a DID URL, possibly relative) or an embedded verification method usable only for that relationship.
/// </summary>
public sealed record VerificationMethodReference
{
    private VerificationMethodReference(string id, VerificationMethod? embedded)
    {
        Id = id;
        Embedded = embedded;
    }

    /// <summary>The referenced method's id, or the embedded method's id.</summary>
    public string Id { get; }

    /// <summary>The embedded verification method, or <see langword="null"/> for a reference.</summary>
    public VerificationMethod? Embedded { get; }

    /// <summary>Whether the entry embeds its verification method.</summary>
    public bool IsEmbedded => Embedded is not null;

    /// <summary>A reference to a verification method by id.</summary>
    /// <param name="id">The DID URL of the method.</param>
    public static VerificationMethodReference To(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new(id, null);
    }

    /// <summary>An embedded verification method.</summary>
    /// <param name="method">The method.</param>
    public static VerificationMethodReference Embed(VerificationMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return new(method.Id, method);
    }
}
