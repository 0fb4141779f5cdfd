using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.Json;
using Credentials.Dcql;

namespace Credentials.OpenId4Vp;

public sealed partial record DigitalCredentialsApiRequest
{
    /// <summary>
    /// Reads the request parameters (the <c>data</c> members of an unsigned request, or the payload of a signed one):
    /// Appendix A.2's parameters, without anything that depends on the signature.
    /// </summary>
    internal static VerificationResult<DigitalCredentialsApiRequest> Read(Dictionary<string, JsonElement> m, string protocol, string origin, bool signed, DcqlReaderOptions? dcqlOptions)
    {
        if (m.ContainsKey(RequestParameterNames.TransactionData))
        {
            return new VerificationError(OpenId4VpErrors.UnsupportedTransactionData, "The request carries transaction_data, which is not supported.");
        }

        string? clientId = null;
        if (signed)
        {
            // Appendix A.2: client_id MUST be present in signed requests.
            if (!AuthorizationRequest.TryString(m, RequestParameterNames.ClientId, out clientId, out var badClient) || clientId is null)
            {
                return new VerificationError(OpenId4VpErrors.InvalidRequest, badClient ?? "A signed request needs client_id.");
            }
        }

        // Appendix A.2: an unsigned request's client_id is ignored (never used as the audience or shown as the verifier).
        if (!AuthorizationRequest.TryString(m, RequestParameterNames.ResponseType, out var responseType, out var bad))
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, bad!);
        }

        if (responseType != OpenId4VpConstants.ResponseTypeVpToken)
        {
            return new VerificationError(OpenId4VpErrors.UnsupportedResponseMode, "Only response_type 'vp_token' is supported.");
        }

        if (!AuthorizationRequest.TryString(m, RequestParameterNames.ResponseMode, out var responseMode, out bad))
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, bad!);
        }

        // Appendix A.2: response_mode MUST be dc_api, or dc_api.jwt for an encrypted response.
        if (responseMode is not (OpenId4VpConstants.ResponseModeDcApi or OpenId4VpConstants.ResponseModeDcApiJwt))
        {
            return new VerificationError(OpenId4VpErrors.UnsupportedResponseMode, "Over the Digital Credentials API, response_mode is 'dc_api' or 'dc_api.jwt'.");
        }

        if (!AuthorizationRequest.TryString(m, RequestParameterNames.Nonce, out var nonce, out bad) || !AuthorizationRequest.IsUrlSafe(nonce))
        {
            return new VerificationError(OpenId4VpErrors.InvalidRequest, bad ?? "nonce is missing or has characters other than ASCII URL-safe ones.");
        }

        if (AuthorizationRequest.ReadQueryAndMetadata(m, dcqlOptions, out var query, out var metadata) is { } queryError)
        {
            return queryError;
        }

        var expected = ImmutableArray<string>.Empty;
        if (signed)
        {
            // Appendix A.2: expected_origins is REQUIRED in signed requests, a non-empty array of strings; the wallet
            // compares the platform's Origin with each value by simple string comparison.
            if (!m.TryGetValue(RequestParameterNames.ExpectedOrigins, out var origins) || origins.ValueKind != JsonValueKind.Array || origins.GetArrayLength() == 0)
            {
                return new VerificationError(OpenId4VpErrors.InvalidRequest, "A signed request needs a non-empty expected_origins array.");
            }

            var builder = ImmutableArray.CreateBuilder<string>(origins.GetArrayLength());
            foreach (var item in origins.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } value)
                {
                    return new VerificationError(OpenId4VpErrors.InvalidRequest, "expected_origins holds something other than non-empty strings.");
                }

                builder.Add(value);
            }

            expected = builder.MoveToImmutable();
            if (!expected.Contains(origin, StringComparer.Ordinal))
            {
                return new VerificationError(OpenId4VpErrors.OriginMismatch, "The calling Origin is not one of the request's expected_origins.");
            }
        }

        return new DigitalCredentialsApiRequest
        {
            Protocol = protocol,
            Origin = origin,
            ClientId = clientId,
            ResponseMode = responseMode!,
            Nonce = nonce!,
            DcqlQuery = query!,
            ClientMetadata = metadata,
            ExpectedOrigins = expected,
            IsSigned = signed,
        };
    }
}
