using System;
using System.Collections.Generic;
using System.Text.Json;
using Credentials.Dcql;
using Credentials.Internal;

namespace Credentials.OpenId4Vp;

public sealed partial record AuthorizationRequest
{
    /// <summary>
    /// Reads a request passed as URL parameters (section 5.4, first option). Objects are JSON strings. Checks what does
    /// not depend on the Client Identifier Prefix; never throws for bad input.
    /// </summary>
    /// <param name="parameters">The parameters (a repeated name is <c>openid4vp.invalid_request</c>).</param>
    /// <param name="dcqlOptions">Limits for the DCQL query.</param>
    public static VerificationResult<AuthorizationRequest> FromParameters(IEnumerable<KeyValuePair<string, string>> parameters, DcqlReaderOptions? dcqlOptions = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            JsonElement element;
            if (name is RequestParameterNames.DcqlQuery or RequestParameterNames.ClientMetadata or RequestParameterNames.VerifierInfo)
            {
                using var document = SafeJson.TryParse(value, 64);
                if (document is null)
                {
                    return new VerificationError(OpenId4VpErrors.InvalidRequest, $"The '{name}' parameter is not JSON.");
                }

                element = document.RootElement.Clone();
            }
            else
            {
                element = StringElement(value);
            }

            if (!members.TryAdd(name, element))
            {
                return new VerificationError(OpenId4VpErrors.InvalidRequest, $"The parameter '{name}' is repeated.");
            }
        }

        return Read(members, dcqlOptions);
    }

    /// <summary>
    /// Reads the payload of a Request Object (section 5): the request parameters as JSON members (objects as objects).
    /// Checks what does not depend on the Client Identifier Prefix; the signature is checked by <see cref="OpenId4VpRequestReader"/>.
    /// </summary>
    /// <param name="payload">The payload object.</param>
    /// <param name="dcqlOptions">Limits for the DCQL query.</param>
    public static VerificationResult<AuthorizationRequest> FromRequestObjectPayload(JsonElement payload, DcqlReaderOptions? dcqlOptions = null)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequestObject, "The Request Object payload is not a JSON object.");
        }

        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in payload.EnumerateObject())
        {
            members[member.Name] = member.Value;
        }

        return Read(members, dcqlOptions);
    }

    private static VerificationResult<AuthorizationRequest> Read(Dictionary<string, JsonElement> m, DcqlReaderOptions? dcqlOptions)
    {
        if (m.ContainsKey(RequestParameterNames.TransactionData))
        {
            return new VerificationError(OpenId4VpErrors.UnsupportedTransactionData, "The request carries transaction_data, which is not supported.");
        }

        if (!TryString(m, RequestParameterNames.ClientId, out var clientId, out var bad) || clientId is null)
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, (bad ?? "The client_id parameter is missing."));
        }

        if (!TryString(m, RequestParameterNames.ResponseType, out var responseType, out bad))
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, (bad!));
        }

        if (responseType != OpenId4VpConstants.ResponseTypeVpToken)
        {
            return new VerificationError(OpenId4VpErrors.UnsupportedResponseMode, "Only response_type 'vp_token' is supported.");
        }

        if (!TryString(m, RequestParameterNames.ResponseMode, out var responseMode, out bad))
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, (bad!));
        }

        if (responseMode is not (OpenId4VpConstants.ResponseModeDirectPost or OpenId4VpConstants.ResponseModeDirectPostJwt))
        {
            return new VerificationError(OpenId4VpErrors.UnsupportedResponseMode, "Only response_mode 'direct_post' and 'direct_post.jwt' are supported.");
        }

        if (m.ContainsKey(RequestParameterNames.RedirectUri))
        {
            // Section 8.2 (and 8.3.1 for direct_post.jwt): redirect_uri MUST NOT be present; the Wallet returns invalid_request.
            return new VerificationError(OpenId4VpErrors.InvalidRequest, "redirect_uri must not be present with response_mode direct_post.");
        }

        if (!TryString(m, RequestParameterNames.ResponseUri, out var responseUri, out bad) || responseUri is null
            || !Uri.TryCreate(responseUri, UriKind.Absolute, out var parsedResponseUri) || !IsHttpScheme(parsedResponseUri))
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, (bad ?? "response_uri is missing or not an absolute URI."));
        }

        // OpenID4VP 1.0 section 5.2: nonce is REQUIRED, of ASCII URL-safe characters only; a missing or empty one is refused.
        if (!TryString(m, RequestParameterNames.Nonce, out var nonce, out bad) || !IsUrlSafe(nonce))
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, (bad ?? "nonce is missing or has characters other than ASCII URL-safe ones."));
        }

        if (!TryString(m, RequestParameterNames.State, out var state, out bad) || (state is not null && !IsUrlSafe(state)))
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, (bad ?? "state has characters other than ASCII URL-safe ones."));
        }

        if (!TryString(m, RequestParameterNames.WalletNonce, out var walletNonce, out bad))
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, (bad!));
        }

        if (ReadQueryAndMetadata(m, dcqlOptions, out var query, out var metadata) is { } queryError)
        {
            return queryError;
        }

        IReadOnlyList<VerifierInfo>? verifierInfo = null;
        if (m.TryGetValue(RequestParameterNames.VerifierInfo, out var infoElement))
        {
            var info = OpenId4Vp.VerifierInfo.ReadAll(infoElement, query!);
            if (!info.IsValid)
            {
                return info.Error;
            }

            verifierInfo = info.Value;
        }

        return new AuthorizationRequest
        {
            ClientId = clientId,
            ResponseType = responseType,
            ResponseMode = responseMode,
            ResponseUri = responseUri,
            Nonce = nonce!,
            State = state,
            DcqlQuery = query!,
            ClientMetadata = metadata,
            WalletNonce = walletNonce,
            VerifierInfo = verifierInfo,
        };
    }

    /// <summary>
    /// Reads <c>dcql_query</c> (required; <c>scope</c> is refused, alone or beside it) and <c>client_metadata</c> (a JSON
    /// object when present), the same for redirect requests and Digital Credentials API requests.
    /// </summary>
    internal static VerificationError? ReadQueryAndMetadata(Dictionary<string, JsonElement> m, DcqlReaderOptions? dcqlOptions, out DcqlQuery? query, out JsonElement? metadata)
    {
        query = null;
        metadata = null;
        var hasScope = m.ContainsKey(RequestParameterNames.Scope);
        if (!m.TryGetValue(RequestParameterNames.DcqlQuery, out var dcqlElement))
        {
            return hasScope
                ? new VerificationError(OpenId4VpErrors.UnsupportedScope, "Requests by scope are not supported; send a dcql_query.")
                : new VerificationError(OpenId4VpErrors.InvalidRequest, "The request has neither dcql_query nor scope.");
        }

        if (hasScope)
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, "The request has both dcql_query and scope.");
        }

        var read = DcqlQuery.FromJson(dcqlElement, dcqlOptions);
        if (!read.IsValid)
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, "The dcql_query is not a valid DCQL query.") { Inner = read.Error };
        }

        if (m.TryGetValue(RequestParameterNames.ClientMetadata, out var md))
        {
            if (md.ValueKind != JsonValueKind.Object)
            {
                return new VerificationError(OpenId4VpErrors.InvalidRequest, "client_metadata is not a JSON object.");
            }

            metadata = md.Clone();
        }

        query = read.Value;
        return null;
    }

    internal static bool IsHttpScheme(Uri uri) => uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp;

    internal static JsonElement StringElement(string value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(value.Length + 8);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            writer.WriteStringValue(value);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    internal static bool TryString(Dictionary<string, JsonElement> m, string name, out string? value, out string? problem)
    {
        value = null;
        problem = null;
        if (!m.TryGetValue(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } text)
        {
            problem = $"The parameter '{name}' is not a non-empty string.";
            return false;
        }

        value = text;
        return true;
    }


}
