using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Credentials.Internal;

namespace Credentials.OpenId4Vp;

/// <summary>
/// An Authorization Response sent with Response Mode <c>direct_post</c> (OpenID4VP 1.0 sections 8.1, 8.2 and 8.5): a
/// <c>vp_token</c> (Credential Query id → presentations) or an OAuth error, and the request's <c>state</c>.
/// </summary>
public sealed record AuthorizationResponse
{
    /// <summary>The default limit on the size of a <c>vp_token</c>: 1 MiB.</summary>
    public const int DefaultMaxVpTokenLength = 1024 * 1024;

    /// <summary>The presentations per Credential Query id, or <see langword="null"/> for an error response.</summary>
    public IReadOnlyDictionary<string, ImmutableArray<string>>? VpToken { get; init; }

    /// <summary>The <c>state</c> of the request, if it had one.</summary>
    public string? State { get; init; }

    /// <summary>The OAuth error (for example <c>access_denied</c>), or <see langword="null"/> for a successful response.</summary>
    public string? Error { get; init; }

    /// <summary>The <c>error_description</c>, if any.</summary>
    public string? ErrorDescription { get; init; }

    /// <summary>Whether this is an Authorization Error Response.</summary>
    public bool IsError => Error is not null;

    /// <summary>Creates a successful response.</summary>
    /// <param name="vpToken">The presentations per Credential Query id.</param>
    /// <param name="state">The request's state.</param>
    public static AuthorizationResponse Success(IReadOnlyDictionary<string, ImmutableArray<string>> vpToken, string? state)
    {
        ArgumentNullException.ThrowIfNull(vpToken);
        return new AuthorizationResponse { VpToken = vpToken, State = state };
    }

    /// <summary>Creates an error response.</summary>
    /// <param name="error">The OAuth error, for example <see cref="OpenId4VpOAuthErrors.AccessDenied"/>.</param>
    /// <param name="state">The request's state.</param>
    /// <param name="description">A description without personal data, or <see langword="null"/>.</param>
    public static AuthorizationResponse Failure(string error, string? state, string? description = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new AuthorizationResponse { Error = error, State = state, ErrorDescription = description };
    }

    /// <summary>The form fields to post (<c>application/x-www-form-urlencoded</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToForm()
    {
        var form = new List<KeyValuePair<string, string>>();
        if (VpToken is not null)
        {
            form.Add(new(RequestParameterNames.VpToken, WriteVpToken(VpToken)));
        }

        if (Error is not null)
        {
            form.Add(new(RequestParameterNames.Error, Error));
            if (ErrorDescription is not null)
            {
                form.Add(new(RequestParameterNames.ErrorDescription, ErrorDescription));
            }
        }

        if (State is not null)
        {
            form.Add(new(RequestParameterNames.State, State));
        }

        return form;
    }

    /// <summary>
    /// Reads posted form fields. Unknown parameters are ignored (section 8.2); a repeated parameter, neither or both of
    /// <c>vp_token</c> and <c>error</c>, or a malformed <c>vp_token</c> is <c>openid4vp.invalid_response</c>. Never throws for bad input.
    /// </summary>
    /// <param name="form">The fields.</param>
    /// <param name="maxVpTokenLength">The largest <c>vp_token</c> accepted, in characters.</param>
    public static VerificationResult<AuthorizationResponse> FromForm(IEnumerable<KeyValuePair<string, string>> form, int maxVpTokenLength = DefaultMaxVpTokenLength)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            if (!fields.TryAdd(name, value))
            {
                return new VerificationError(OpenId4VpErrors.InvalidResponse, $"The parameter '{name}' is repeated.");
            }
        }

        fields.TryGetValue(RequestParameterNames.State, out var state);
        var hasToken = fields.TryGetValue(RequestParameterNames.VpToken, out var vpToken);
        var hasError = fields.TryGetValue(RequestParameterNames.Error, out var error);
        if (hasToken == hasError)
        {
            return new VerificationError(OpenId4VpErrors.InvalidResponse, "A response carries either vp_token or error.");
        }

        if (hasError)
        {
            if (string.IsNullOrEmpty(error))
            {
                return new VerificationError(OpenId4VpErrors.InvalidResponse, "The error parameter is empty.");
            }

            fields.TryGetValue(RequestParameterNames.ErrorDescription, out var description);
            return new AuthorizationResponse { Error = error, ErrorDescription = description, State = state };
        }

        if (vpToken!.Length > maxVpTokenLength)
        {
            return new VerificationError(OpenId4VpErrors.InvalidResponse, "The vp_token is larger than the limit.");
        }

        var parsed = ReadVpToken(vpToken);
        return parsed.IsValid ? new AuthorizationResponse { VpToken = parsed.Value, State = state } : parsed.Error;
    }

    /// <summary>
    /// Parses a <c>vp_token</c> (section 8.1): a JSON object whose keys are Credential Query ids and whose values are
    /// non-empty arrays of presentations. Only string presentations are supported (SD-JWT VC, mdoc).
    /// </summary>
    /// <param name="json">The JSON text.</param>
    public static VerificationResult<IReadOnlyDictionary<string, ImmutableArray<string>>> ReadVpToken(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = SafeJson.TryParse(json, 8);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(OpenId4VpErrors.InvalidResponse, "The vp_token is not a JSON object.");
        }

        var result = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Array || entry.Value.GetArrayLength() == 0)
            {
                return new VerificationError(OpenId4VpErrors.InvalidResponse, "Each vp_token entry is a non-empty array of presentations.");
            }

            var list = ImmutableArray.CreateBuilder<string>();
            foreach (var item in entry.Value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } presentation)
                {
                    return new VerificationError(OpenId4VpErrors.InvalidResponse, "Only non-empty string presentations are supported.");
                }

                list.Add(presentation);
            }

            result[entry.Name] = list.ToImmutable();
        }

        if (result.Count == 0)
        {
            return new VerificationError(OpenId4VpErrors.InvalidResponse, "The vp_token is empty.");
        }

        return result;
    }

    /// <summary>
    /// The response parameters as one JSON object (section 8.3: the payload of an encrypted response): <c>vp_token</c> as
    /// an object, <c>error</c>, <c>error_description</c>, and <c>state</c> when <paramref name="includeState"/>.
    /// </summary>
    internal byte[] ToJsonPayload(bool includeState)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            writer.WriteStartObject();
            if (VpToken is not null)
            {
                writer.WritePropertyName(RequestParameterNames.VpToken);
                writer.WriteRawValue(WriteVpToken(VpToken), skipInputValidation: true);
            }

            if (Error is not null)
            {
                writer.WriteString(RequestParameterNames.Error, Error);
                if (ErrorDescription is not null)
                {
                    writer.WriteString(RequestParameterNames.ErrorDescription, ErrorDescription);
                }
            }

            if (includeState && State is not null)
            {
                writer.WriteString(RequestParameterNames.State, State);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a <c>vp_token</c> as JSON.</summary>
    /// <param name="vpToken">The presentations per Credential Query id.</param>
    public static string WriteVpToken(IReadOnlyDictionary<string, ImmutableArray<string>> vpToken)
    {
        ArgumentNullException.ThrowIfNull(vpToken);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (id, presentations) in vpToken)
            {
                writer.WriteStartArray(id);
                foreach (var p in presentations)
                {
                    writer.WriteStringValue(p);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }


}
