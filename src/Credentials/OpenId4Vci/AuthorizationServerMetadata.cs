using System;
using System.Collections.Generic;

namespace Credentials.OpenId4Vci;

/// <summary>
/// The OAuth 2.0 Authorization Server Metadata (RFC 8414) a Wallet needs for OpenID4VCI: the token endpoint, the grant
/// types, and <c>pre-authorized_grant_anonymous_access_supported</c> (OpenID4VCI 1.0 section 12.3), and for the
/// Authorization Code Flow the authorization and PAR endpoints, PKCE methods, RFC 9207 <c>iss</c> support and
/// <c>authorization_details</c> types.
/// </summary>
public sealed record AuthorizationServerMetadata
{
    /// <summary>The well-known path segment (RFC 8414 section 3).</summary>
    public const string WellKnownPath = "/.well-known/oauth-authorization-server";

    /// <summary>The Authorization Server's issuer identifier (<c>issuer</c>).</summary>
    public required string Issuer { get; init; }

    /// <summary>The token endpoint (<c>token_endpoint</c>).</summary>
    public required string TokenEndpoint { get; init; }

    /// <summary>The authorization endpoint (Authorization Code Flow; not implemented by this library's server yet).</summary>
    public string? AuthorizationEndpoint { get; init; }

    /// <summary>The supported grant types (<c>grant_types_supported</c>); RFC 8414 default is <c>authorization_code</c> and <c>implicit</c>.</summary>
    public IReadOnlyList<string>? GrantTypesSupported { get; init; }

    /// <summary>The PKCE methods (<c>code_challenge_methods_supported</c>), for the Authorization Code Flow.</summary>
    public IReadOnlyList<string>? CodeChallengeMethodsSupported { get; init; }

    /// <summary>The Pushed Authorization Request endpoint (<c>pushed_authorization_request_endpoint</c>, RFC 9126 section 5).</summary>
    public string? PushedAuthorizationRequestEndpoint { get; init; }

    /// <summary>Whether authorization requests must be pushed (<c>require_pushed_authorization_requests</c>, RFC 9126 section 5; HAIP 1.0). Default <see langword="false"/>.</summary>
    public bool RequirePushedAuthorizationRequests { get; init; }

    /// <summary>The supported response types (<c>response_types_supported</c>, RFC 8414).</summary>
    public IReadOnlyList<string>? ResponseTypesSupported { get; init; }

    /// <summary>Whether authorization responses carry <c>iss</c> (<c>authorization_response_iss_parameter_supported</c>, RFC 9207 section 3). Default <see langword="false"/>.</summary>
    public bool AuthorizationResponseIssParameterSupported { get; init; }

    /// <summary>The supported <c>authorization_details</c> types (<c>authorization_details_types_supported</c>, RFC 9396 section 10).</summary>
    public IReadOnlyList<string>? AuthorizationDetailsTypesSupported { get; init; }

    /// <summary>Whether a Token Request with a Pre-Authorized Code needs no <c>client_id</c> (default <see langword="false"/>).</summary>
    public bool PreAuthorizedGrantAnonymousAccessSupported { get; init; }

    /// <summary>The JWS algorithms accepted in DPoP proofs (<c>dpop_signing_alg_values_supported</c>, RFC 9449 section 5.1); DPoP is not offered when absent.</summary>
    public IReadOnlyList<string>? DpopSigningAlgValuesSupported { get; init; }

    /// <summary>The client authentication methods of the token endpoint (<c>token_endpoint_auth_methods_supported</c>), for example <c>attest_jwt_client_auth</c>.</summary>
    public IReadOnlyList<string>? TokenEndpointAuthMethodsSupported { get; init; }

    /// <summary>The algorithms accepted for Client Attestation JWTs (<c>client_attestation_signing_alg_values_supported</c>, draft-ietf-oauth-attestation-based-client-auth section 8).</summary>
    public IReadOnlyList<string>? ClientAttestationSigningAlgValuesSupported { get; init; }

    /// <summary>The algorithms accepted for Client Attestation PoP JWTs (<c>client_attestation_pop_signing_alg_values_supported</c>).</summary>
    public IReadOnlyList<string>? ClientAttestationPopSigningAlgValuesSupported { get; init; }

    /// <summary>The metadata URL for an issuer identifier (RFC 8414 section 3.1: the well-known segment inserted before the path).</summary>
    /// <param name="issuer">The Authorization Server's issuer identifier.</param>
    /// <returns>The URL.</returns>
    /// <exception cref="ArgumentException">Not an absolute http(s) URL without query and fragment.</exception>
    public static string GetWellKnownUri(string issuer) => CredentialIssuerMetadata.InsertWellKnown(issuer, WellKnownPath);

    /// <summary>Serializes the metadata.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => OpenId4VciJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("issuer", Issuer);
        w.WriteString("token_endpoint", TokenEndpoint);
        if (AuthorizationEndpoint is not null)
        {
            w.WriteString("authorization_endpoint", AuthorizationEndpoint);
        }

        if (GrantTypesSupported is { Count: > 0 })
        {
            OpenId4VciJson.WriteStringArray(w, "grant_types_supported", GrantTypesSupported);
        }

        if (CodeChallengeMethodsSupported is { Count: > 0 })
        {
            OpenId4VciJson.WriteStringArray(w, "code_challenge_methods_supported", CodeChallengeMethodsSupported);
        }

        if (PushedAuthorizationRequestEndpoint is not null)
        {
            w.WriteString("pushed_authorization_request_endpoint", PushedAuthorizationRequestEndpoint);
        }

        if (RequirePushedAuthorizationRequests)
        {
            w.WriteBoolean("require_pushed_authorization_requests", true);
        }

        if (ResponseTypesSupported is { Count: > 0 })
        {
            OpenId4VciJson.WriteStringArray(w, "response_types_supported", ResponseTypesSupported);
        }

        if (AuthorizationResponseIssParameterSupported)
        {
            w.WriteBoolean("authorization_response_iss_parameter_supported", true);
        }

        if (AuthorizationDetailsTypesSupported is { Count: > 0 })
        {
            OpenId4VciJson.WriteStringArray(w, "authorization_details_types_supported", AuthorizationDetailsTypesSupported);
        }

        w.WriteBoolean("pre-authorized_grant_anonymous_access_supported", PreAuthorizedGrantAnonymousAccessSupported);
        if (DpopSigningAlgValuesSupported is { Count: > 0 })
        {
            OpenId4VciJson.WriteStringArray(w, "dpop_signing_alg_values_supported", DpopSigningAlgValuesSupported);
        }

        WriteClientAttestation(w);
        w.WriteEndObject();
    });

    /// <summary>Parses untrusted metadata. Never throws for bad input; unknown members are ignored.</summary>
    /// <param name="utf8">The JSON bytes.</param>
    /// <returns>The metadata, or <see cref="OpenId4VciErrors.InvalidMetadata"/>.</returns>
    public static VerificationResult<AuthorizationServerMetadata> Read(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Length > CredentialIssuerMetadata.MaxLength || OpenId4VciJson.ParseObject(utf8) is not { } root)
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "The metadata is not a JSON object within the size limit (or repeats a member).");
        }

        if (!OpenId4VciJson.TryRequiredString(root, "issuer", out var issuer))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "issuer must be a non-empty string.");
        }

        if (!OpenId4VciJson.TryRequiredString(root, "token_endpoint", out var token) || !OpenId4VciJson.IsHttpUrl(token))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "token_endpoint must be an http(s) URL.");
        }

        if (!OpenId4VciJson.TryOptionalString(root, "authorization_endpoint", out var authorization)
            || !OpenId4VciJson.TryOptionalStringArray(root, "grant_types_supported", nonEmpty: false, out var grants)
            || !OpenId4VciJson.TryOptionalStringArray(root, "code_challenge_methods_supported", nonEmpty: false, out var pkce))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "authorization_endpoint must be a string; grant_types_supported and code_challenge_methods_supported arrays of strings.");
        }

        if (!OpenId4VciJson.TryOptionalString(root, "pushed_authorization_request_endpoint", out var par)
            || (par is not null && !OpenId4VciJson.IsHttpUrl(par))
            || !OpenId4VciJson.TryOptionalStringArray(root, "response_types_supported", nonEmpty: false, out var responseTypes)
            || !OpenId4VciJson.TryOptionalStringArray(root, "authorization_details_types_supported", nonEmpty: false, out var detailTypes))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "pushed_authorization_request_endpoint must be an http(s) URL; response_types_supported and authorization_details_types_supported arrays of strings.");
        }

        if (!TryBoolean(root, "pre-authorized_grant_anonymous_access_supported", out var anonymous)
            || !TryBoolean(root, "require_pushed_authorization_requests", out var requirePar)
            || !TryBoolean(root, "authorization_response_iss_parameter_supported", out var iss))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "pre-authorized_grant_anonymous_access_supported, require_pushed_authorization_requests and authorization_response_iss_parameter_supported must be booleans.");
        }

        if (!OpenId4VciJson.TryOptionalStringArray(root, "dpop_signing_alg_values_supported", nonEmpty: false, out var dpopAlgorithms))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "dpop_signing_alg_values_supported must be an array of strings.");
        }

        if (!OpenId4VciJson.TryOptionalStringArray(root, "token_endpoint_auth_methods_supported", nonEmpty: false, out var authMethods)
            || !OpenId4VciJson.TryOptionalStringArray(root, "client_attestation_signing_alg_values_supported", nonEmpty: false, out var attestationAlgs)
            || !OpenId4VciJson.TryOptionalStringArray(root, "client_attestation_pop_signing_alg_values_supported", nonEmpty: false, out var popAlgs))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "token_endpoint_auth_methods_supported and the client attestation algorithm lists must be arrays of strings.");
        }

        return new AuthorizationServerMetadata
        {
            DpopSigningAlgValuesSupported = dpopAlgorithms,
            TokenEndpointAuthMethodsSupported = authMethods,
            ClientAttestationSigningAlgValuesSupported = attestationAlgs,
            ClientAttestationPopSigningAlgValuesSupported = popAlgs,
            Issuer = issuer,
            TokenEndpoint = token,
            AuthorizationEndpoint = authorization,
            GrantTypesSupported = grants,
            CodeChallengeMethodsSupported = pkce,
            PreAuthorizedGrantAnonymousAccessSupported = anonymous,
            PushedAuthorizationRequestEndpoint = par,
            RequirePushedAuthorizationRequests = requirePar,
            ResponseTypesSupported = responseTypes,
            AuthorizationResponseIssParameterSupported = iss,
            AuthorizationDetailsTypesSupported = detailTypes,
        };
    }

    private static bool TryBoolean(System.Text.Json.JsonElement root, string name, out bool value)
    {
        value = false;
        if (!root.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
        {
            return false;
        }

        value = element.GetBoolean();
        return true;
    }

    private void WriteClientAttestation(System.Text.Json.Utf8JsonWriter w)
    {
        if (TokenEndpointAuthMethodsSupported is { Count: > 0 } methods)
        {
            OpenId4VciJson.WriteStringArray(w, "token_endpoint_auth_methods_supported", methods);
        }

        if (ClientAttestationSigningAlgValuesSupported is { Count: > 0 } attestation)
        {
            OpenId4VciJson.WriteStringArray(w, "client_attestation_signing_alg_values_supported", attestation);
        }

        if (ClientAttestationPopSigningAlgValuesSupported is { Count: > 0 } pop)
        {
            OpenId4VciJson.WriteStringArray(w, "client_attestation_pop_signing_alg_values_supported", pop);
        }
    }
}
