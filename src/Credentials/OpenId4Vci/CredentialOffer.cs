using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Credentials.OpenId4Vci;

/// <summary>
/// A Credential Offer object (OpenID4VCI 1.0 section 4.1.1): which issuer, which credential configurations, and the
/// grants the issuer's Authorization Server is prepared to process. Untrusted when received: the Wallet validates
/// the issuer as if it had started the flow itself (section 13.3).
/// </summary>
public sealed record CredentialOffer
{
    /// <summary>The Pre-Authorized Code grant type.</summary>
    public const string PreAuthorizedCodeGrantType = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

    /// <summary>The Authorization Code grant type.</summary>
    public const string AuthorizationCodeGrantType = "authorization_code";

    /// <summary>The largest Credential Offer JSON accepted (64 KiB).</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>The Credential Issuer Identifier (<c>credential_issuer</c>).</summary>
    public required string CredentialIssuer { get; init; }

    /// <summary>The offered configurations (<c>credential_configuration_ids</c>): non-empty, unique, keys of <c>credential_configurations_supported</c>.</summary>
    public required IReadOnlyList<string> CredentialConfigurationIds { get; init; }

    /// <summary>The Pre-Authorized Code grant, if offered.</summary>
    public PreAuthorizedCodeGrant? PreAuthorizedCode { get; init; }

    /// <summary>The Authorization Code grant, if offered.</summary>
    public AuthorizationCodeGrant? AuthorizationCode { get; init; }

    /// <summary>Serializes the offer (UTF-8 JSON, non-ASCII unescaped).</summary>
    /// <returns>The JSON text.</returns>
    /// <exception cref="InvalidOperationException">The offer violates section 4.1.1 (empty or repeated ids, description longer than 300 characters).</exception>
    public string ToJson()
    {
        ThrowIfInvalid();
        return OpenId4VciJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("credential_issuer", CredentialIssuer);
            OpenId4VciJson.WriteStringArray(w, "credential_configuration_ids", CredentialConfigurationIds);
            if (PreAuthorizedCode is not null || AuthorizationCode is not null)
            {
                w.WriteStartObject("grants");
                if (AuthorizationCode is { } code)
                {
                    w.WriteStartObject(AuthorizationCodeGrantType);
                    if (code.IssuerState is not null)
                    {
                        w.WriteString("issuer_state", code.IssuerState);
                    }

                    if (code.AuthorizationServer is not null)
                    {
                        w.WriteString("authorization_server", code.AuthorizationServer);
                    }

                    w.WriteEndObject();
                }

                if (PreAuthorizedCode is { } pre)
                {
                    w.WriteStartObject(PreAuthorizedCodeGrantType);
                    w.WriteString("pre-authorized_code", pre.PreAuthorizedCode);
                    if (pre.TxCode is { } tx)
                    {
                        w.WriteStartObject("tx_code");
                        if (tx.InputMode is { } mode)
                        {
                            w.WriteString("input_mode", mode == TransactionCodeInputMode.Numeric ? "numeric" : "text");
                        }

                        if (tx.Length is { } length)
                        {
                            w.WriteNumber("length", length);
                        }

                        if (tx.Description is not null)
                        {
                            w.WriteString("description", tx.Description);
                        }

                        w.WriteEndObject();
                    }

                    if (pre.AuthorizationServer is not null)
                    {
                        w.WriteString("authorization_server", pre.AuthorizationServer);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
    }

    /// <summary>Parses a Credential Offer object from untrusted JSON. Never throws for bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The offer, or <see cref="OpenId4VciErrors.InvalidOffer"/>.</returns>
    public static VerificationResult<CredentialOffer> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.Length > MaxLength ? new VerificationError(OpenId4VciErrors.InvalidOffer, "The Credential Offer is too large.") : Read(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Parses a Credential Offer object from untrusted UTF-8 JSON. Never throws for bad input.</summary>
    /// <param name="utf8">The JSON bytes.</param>
    /// <returns>The offer, or <see cref="OpenId4VciErrors.InvalidOffer"/>.</returns>
    public static VerificationResult<CredentialOffer> Read(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return new VerificationError(OpenId4VciErrors.InvalidOffer, "The Credential Offer is too large.");
        }

        if (OpenId4VciJson.ParseObject(utf8) is not { } root)
        {
            return new VerificationError(OpenId4VciErrors.InvalidOffer, "The Credential Offer is not a JSON object (or repeats a member).");
        }

        if (!OpenId4VciJson.TryRequiredString(root, "credential_issuer", out var issuer) || !OpenId4VciJson.IsHttpUrl(issuer))
        {
            return new VerificationError(OpenId4VciErrors.InvalidOffer, "credential_issuer must be an http(s) URL.");
        }

        if (!root.TryGetProperty("credential_configuration_ids", out _)
            || !OpenId4VciJson.TryOptionalStringArray(root, "credential_configuration_ids", nonEmpty: true, out var ids))
        {
            return new VerificationError(OpenId4VciErrors.InvalidOffer, "credential_configuration_ids must be a non-empty array of unique strings.");
        }

        if (!OpenId4VciJson.TryOptionalObject(root, "grants", out var grants))
        {
            return new VerificationError(OpenId4VciErrors.InvalidOffer, "grants must be an object.");
        }

        PreAuthorizedCodeGrant? pre = null;
        AuthorizationCodeGrant? code = null;
        if (grants is { } g)
        {
            if (!OpenId4VciJson.TryOptionalObject(g, PreAuthorizedCodeGrantType, out var preElement)
                || !OpenId4VciJson.TryOptionalObject(g, AuthorizationCodeGrantType, out var codeElement))
            {
                return new VerificationError(OpenId4VciErrors.InvalidOffer, "Each grant must be an object.");
            }

            if (preElement is { } p)
            {
                var parsed = ParsePreAuthorized(p);
                if (!parsed.IsValid)
                {
                    return parsed.Error;
                }

                pre = parsed.Value;
            }

            if (codeElement is { } c)
            {
                if (!OpenId4VciJson.TryOptionalString(c, "issuer_state", out var state) || !OpenId4VciJson.TryOptionalString(c, "authorization_server", out var server))
                {
                    return new VerificationError(OpenId4VciErrors.InvalidOffer, "issuer_state and authorization_server must be strings.");
                }

                code = new AuthorizationCodeGrant { IssuerState = state, AuthorizationServer = server };
            }
        }

        return new CredentialOffer { CredentialIssuer = issuer, CredentialConfigurationIds = ids!, PreAuthorizedCode = pre, AuthorizationCode = code };
    }

    private static VerificationResult<PreAuthorizedCodeGrant> ParsePreAuthorized(JsonElement p)
    {
        if (!OpenId4VciJson.TryRequiredString(p, "pre-authorized_code", out var value))
        {
            return new VerificationError(OpenId4VciErrors.InvalidOffer, "pre-authorized_code must be a non-empty string.");
        }

        if (!OpenId4VciJson.TryOptionalString(p, "authorization_server", out var server))
        {
            return new VerificationError(OpenId4VciErrors.InvalidOffer, "authorization_server must be a string.");
        }

        if (!OpenId4VciJson.TryOptionalObject(p, "tx_code", out var txElement))
        {
            return new VerificationError(OpenId4VciErrors.InvalidOffer, "tx_code must be an object.");
        }

        TransactionCodeRequirement? tx = null;
        if (txElement is { } t)
        {
            if (!OpenId4VciJson.TryOptionalString(t, "input_mode", out var mode) || mode is not (null or "numeric" or "text"))
            {
                return new VerificationError(OpenId4VciErrors.InvalidOffer, "tx_code.input_mode must be 'numeric' or 'text'.");
            }

            if (!OpenId4VciJson.TryOptionalInt(t, "length", 1, 1024, out var length))
            {
                return new VerificationError(OpenId4VciErrors.InvalidOffer, "tx_code.length must be a positive integer.");
            }

            if (!OpenId4VciJson.TryOptionalString(t, "description", out var description) || description?.Length > TransactionCodeRequirement.MaxDescriptionLength)
            {
                return new VerificationError(OpenId4VciErrors.InvalidOffer, "tx_code.description must be a string of at most 300 characters.");
            }

            tx = new TransactionCodeRequirement
            {
                InputMode = mode switch { "numeric" => TransactionCodeInputMode.Numeric, "text" => TransactionCodeInputMode.Text, _ => null },
                Length = length,
                Description = description,
            };
        }

        return new PreAuthorizedCodeGrant { PreAuthorizedCode = value, TxCode = tx, AuthorizationServer = server };
    }

    private void ThrowIfInvalid()
    {
        if (string.IsNullOrEmpty(CredentialIssuer) || CredentialConfigurationIds is null || CredentialConfigurationIds.Count == 0)
        {
            throw new InvalidOperationException("A Credential Offer needs credential_issuer and at least one credential_configuration_id.");
        }

        if (new HashSet<string>(CredentialConfigurationIds, StringComparer.Ordinal).Count != CredentialConfigurationIds.Count)
        {
            throw new InvalidOperationException("credential_configuration_ids must be unique.");
        }

        if (PreAuthorizedCode?.TxCode?.Description?.Length > TransactionCodeRequirement.MaxDescriptionLength)
        {
            throw new InvalidOperationException("tx_code.description must not exceed 300 characters.");
        }
    }


    /// <inheritdoc />
    public override string ToString() => $"CredentialOffer({CredentialIssuer}, [{string.Join(", ", CredentialConfigurationIds)}])";
}
