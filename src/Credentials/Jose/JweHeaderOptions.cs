using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.Jose;

/// <summary>Optional members of the protected header that <see cref="JweEncrypter"/> writes.</summary>
public sealed record JweHeaderOptions
{
    /// <summary>The <c>kid</c>: the id of the recipient's key (for OpenID4VP, the verifier's encryption key).</summary>
    public string? KeyId { get; init; }

    /// <summary>The <c>typ</c> (RFC 7516 section 4.1.11).</summary>
    public string? Type { get; init; }

    /// <summary>The <c>cty</c> (RFC 7516 section 4.1.12), for example <c>JWT</c> for a nested JWT.</summary>
    public string? ContentType { get; init; }

    /// <summary>The agreement PartyUInfo (<c>apu</c>, RFC 7518 section 4.6.1.2), raw bytes; written base64url.</summary>
    public ReadOnlyMemory<byte>? AgreementPartyUInfo { get; init; }

    /// <summary>The agreement PartyVInfo (<c>apv</c>, RFC 7518 section 4.6.1.3), raw bytes; written base64url.</summary>
    public ReadOnlyMemory<byte>? AgreementPartyVInfo { get; init; }

    /// <summary>
    /// Further protected header members, written after the others. A name the encrypter writes itself (<c>alg</c>,
    /// <c>enc</c>, <c>epk</c>, <c>kid</c>, <c>typ</c>, <c>cty</c>, <c>apu</c>, <c>apv</c>) or <c>zip</c> is refused.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalMembers { get; init; }
}
