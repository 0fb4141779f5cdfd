using System;
using System.Text.Json.Nodes;

namespace Credentials.Samples.Badges;

/// <summary>What an issuer adds to an award's claims to make it an Open Badges 3.0 credential.</summary>
public sealed record OpenBadgeIssue
{
    /// <summary>The issuer's id: its DID (the key's did:key for a Data Integrity proof) or its https URL.</summary>
    public required string Issuer { get; init; }

    /// <summary>The holder's DID, which becomes <c>credentialSubject.id</c>; without it the recipient is a salted hashed identifier.</summary>
    public string? HolderDid { get; init; }

    /// <summary>The credential's <c>id</c>; a fresh <c>urn:uuid:</c> when <see langword="null"/>.</summary>
    public string? CredentialId { get; init; }

    /// <summary>The <c>credentialStatus</c> entry (a Bitstring Status List entry), or <see langword="null"/>.</summary>
    public JsonObject? CredentialStatus { get; init; }

    /// <summary>The salt of the hashed recipient identifier; random when <see langword="null"/>.</summary>
    public string? Salt { get; init; }

    /// <summary>Returns <see cref="CredentialId"/> or a new <c>urn:uuid:</c>.</summary>
    internal string IdOrNew() => CredentialId ?? "urn:uuid:" + Guid.NewGuid().ToString("D");
}
