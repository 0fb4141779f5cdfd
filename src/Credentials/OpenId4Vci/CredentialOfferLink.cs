using System;
using System.Collections.Generic;

namespace Credentials.OpenId4Vci;

/// <summary>
/// A Credential Offer as a link or QR code text (OpenID4VCI 1.0 sections 4.1.2 and 4.1.3): the Wallet's Credential
/// Offer Endpoint (by default <c>openid-credential-offer://</c>) with exactly one of <c>credential_offer</c> (the offer by
/// value) or <c>credential_offer_uri</c> (a URL to fetch it from).
/// </summary>
public sealed record CredentialOfferLink
{
    /// <summary>The custom scheme used when the issuer does not know the Wallet's Credential Offer Endpoint (section 12.1.1).</summary>
    public const string DefaultEndpoint = "openid-credential-offer://";

    /// <summary>The largest link accepted by <see cref="Read"/> (64 KiB).</summary>
    public const int MaxLength = 64 * 1024;

    private CredentialOfferLink(CredentialOffer? offer, string? offerUri)
    {
        Offer = offer;
        OfferUri = offerUri;
    }

    /// <summary>The offer, when sent by value.</summary>
    public CredentialOffer? Offer { get; }

    /// <summary>The URL to fetch the offer from (with HTTP GET, <c>application/json</c>), when sent by reference.</summary>
    public string? OfferUri { get; }

    /// <summary>Builds a link that carries the offer by value.</summary>
    /// <param name="offer">The offer.</param>
    /// <param name="endpoint">The Wallet's Credential Offer Endpoint; <see cref="DefaultEndpoint"/> when omitted.</param>
    /// <returns>For example <c>openid-credential-offer://?credential_offer=%7B…%7D</c>.</returns>
    public static string CreateByValue(CredentialOffer offer, string? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return Join(endpoint, "credential_offer", offer.ToJson());
    }

    /// <summary>Builds a link that carries a reference to the offer.</summary>
    /// <param name="offerUri">The URL serving the offer (https; http only for local tests).</param>
    /// <param name="endpoint">The Wallet's Credential Offer Endpoint; <see cref="DefaultEndpoint"/> when omitted.</param>
    /// <returns>For example <c>openid-credential-offer://?credential_offer_uri=https%3A%2F%2F…</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="offerUri"/> is not an http(s) URL.</exception>
    public static string CreateByReference(string offerUri, string? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(offerUri);
        if (!OpenId4VciJson.IsHttpUrl(offerUri))
        {
            throw new ArgumentException("The offer URI must be an absolute http(s) URL.", nameof(offerUri));
        }

        return Join(endpoint, "credential_offer_uri", offerUri);
    }

    /// <summary>
    /// Parses a link or a QR code's text from untrusted input. Never throws for bad input. Surrounding whitespace is
    /// ignored; any scheme is accepted (a Wallet may register its own Credential Offer Endpoint).
    /// </summary>
    /// <param name="text">The link.</param>
    /// <returns>The link, or <see cref="OpenId4VciErrors.InvalidOffer"/>: not a URI with a query, both or neither parameter, a repeated parameter, or an invalid offer.</returns>
    public static VerificationResult<CredentialOfferLink> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Length > MaxLength)
        {
            return new VerificationError(OpenId4VciErrors.InvalidOffer, "The Credential Offer link is too large.");
        }

        var question = text.IndexOf('?', StringComparison.Ordinal);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (question < 0 || colon <= 0 || colon > question)
        {
            return new VerificationError(OpenId4VciErrors.InvalidOffer, "The Credential Offer link must be a URI with a query.");
        }

        var query = text[(question + 1)..];
        var hash = query.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            query = query[..hash];
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(eq < 0 ? pair : pair[..eq]);
            var value = Decode(eq < 0 ? string.Empty : pair[(eq + 1)..]);
            if (name is null || value is null)
            {
                return new VerificationError(OpenId4VciErrors.InvalidOffer, "The Credential Offer link has a malformed percent-encoding.");
            }

            if (name is "credential_offer" or "credential_offer_uri" && !parameters.TryAdd(name, value))
            {
                return new VerificationError(OpenId4VciErrors.InvalidOffer, $"The Credential Offer link repeats '{name}'.");
            }
        }

        var hasValue = parameters.TryGetValue("credential_offer", out var json);
        var hasReference = parameters.TryGetValue("credential_offer_uri", out var uri);
        if (hasValue == hasReference)
        {
            return new VerificationError(OpenId4VciErrors.InvalidOffer, "The Credential Offer link must carry exactly one of credential_offer and credential_offer_uri.");
        }

        if (hasReference)
        {
            return OpenId4VciJson.IsHttpUrl(uri)
                ? new CredentialOfferLink(null, uri)
                : new VerificationError(OpenId4VciErrors.InvalidOffer, "credential_offer_uri must be an absolute http(s) URL.");
        }

        var offer = CredentialOffer.Read(json!);
        return offer.IsValid ? new CredentialOfferLink(offer.Value, null) : offer.Error;
    }

    private static string Join(string? endpoint, string name, string value)
    {
        endpoint ??= DefaultEndpoint;
        var separator = endpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return string.Concat(endpoint, separator, name, "=", Uri.EscapeDataString(value));
    }

    // application/x-www-form-urlencoded: '+' is a space, then percent-decoding (strict: '%' must start an escape).
    private static string? Decode(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && (i + 2 >= value.Length || !Uri.IsHexDigit(value[i + 1]) || !Uri.IsHexDigit(value[i + 2])))
            {
                return null;
            }
        }

        try
        {
            return Uri.UnescapeDataString(value.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return null;
        }
    }


    /// <inheritdoc />
    public override string ToString() => OfferUri is null ? $"CredentialOfferLink(by value, {Offer})" : "CredentialOfferLink(by reference)";
}
