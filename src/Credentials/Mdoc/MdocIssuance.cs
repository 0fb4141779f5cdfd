using System;
using System.Collections.Generic;
using Credentials.Keys;

namespace Credentials.Mdoc;

/// <summary>What to issue as one mdoc: the document type, the data elements per namespace and the holder's device key.</summary>
public sealed record MdocIssuance
{
    /// <summary>The document type, for example <see cref="MdocDocTypes.Mdl"/>.</summary>
    public required string DocType { get; init; }

    /// <summary>The data elements: namespace → element identifier → value, in the order they are to be issued.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>> NameSpaces { get; init; }

    /// <summary>The holder's device key (public only): it goes into the MSO's <c>deviceKeyInfo</c>.</summary>
    public required Jwk DeviceKey { get; init; }

    /// <summary>The start of validity; the issuer's clock when null.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>The end of validity; <see cref="ValidFrom"/> plus <see cref="MdocIssuerOptions.Validity"/> when null.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>When the issuer expects to re-sign the MSO, if it says.</summary>
    public DateTimeOffset? ExpectedUpdate { get; init; }
}
