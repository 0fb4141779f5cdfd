using System;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credentials.Status;

/// <summary>
/// A credential's reference into a Status List: the <c>status_list</c> member of its <c>status</c> claim
/// (draft-ietf-oauth-status-list section 6.2): <c>{"status_list": {"idx": 0, "uri": "https://…"}}</c>.
/// </summary>
/// <param name="Uri">The URI identifying the Status List Token; the token's <c>sub</c> must equal it exactly.</param>
/// <param name="Index">The non-negative index of the credential's entry in the list.</param>
public sealed record StatusReference(string Uri, long Index)
{
    /// <summary>The name of the JWT claim that carries status references.</summary>
    public const string StatusClaimName = "status";

    /// <summary>The member of the <c>status</c> claim that names this mechanism.</summary>
    public const string StatusListMemberName = "status_list";

    /// <summary>
    /// Reads a reference from the value of a credential's <c>status</c> claim. Never throws for bad input.
    /// </summary>
    /// <param name="statusClaim">The value of the <c>status</c> claim (a JSON object).</param>
    /// <returns>
    /// The reference, or <see cref="StatusErrors.InvalidReference"/> when the claim is not an object, <c>status_list</c> is not an
    /// object, <c>idx</c> is not a non-negative integer or <c>uri</c> is not an absolute URI; or
    /// <see cref="StatusErrors.UnsupportedMechanism"/> when the object references only other status mechanisms.
    /// </returns>
    public static VerificationResult<StatusReference> Read(JsonElement statusClaim)
    {
        if (statusClaim.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(StatusErrors.InvalidReference, "The status claim must be a JSON object.");
        }

        if (!statusClaim.TryGetProperty(StatusListMemberName, out var list))
        {
            foreach (var _ in statusClaim.EnumerateObject())
            {
                return new VerificationError(StatusErrors.UnsupportedMechanism, "The status claim references no status_list, only other status mechanisms.");
            }

            return new VerificationError(StatusErrors.InvalidReference, "The status claim must reference at least one status mechanism.");
        }

        if (list.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(StatusErrors.InvalidReference, "status_list must be a JSON object.");
        }

        if (!list.TryGetProperty("idx", out var idx) || idx.ValueKind != JsonValueKind.Number || !idx.TryGetInt64(out var index) || index < 0)
        {
            return new VerificationError(StatusErrors.InvalidReference, "status_list.idx must be a non-negative integer.");
        }

        if (!list.TryGetProperty("uri", out var uriElement) || uriElement.ValueKind != JsonValueKind.String)
        {
            return new VerificationError(StatusErrors.InvalidReference, "status_list.uri must be a string.");
        }

        var uri = uriElement.GetString()!;
        if (!IsAbsoluteUri(uri))
        {
            return new VerificationError(StatusErrors.InvalidReference, "status_list.uri must be an absolute URI.");
        }

        return new StatusReference(uri, index);
    }

    /// <summary>Builds the <c>status</c> claim value for a credential: <c>{"status_list": {"idx": …, "uri": …}}</c>.</summary>
    /// <returns>A new JSON object.</returns>
    public JsonObject ToStatusClaim() => new()
    {
        [StatusListMemberName] = new JsonObject
        {
            ["idx"] = Index,
            ["uri"] = Uri,
        },
    };

    // RFC 3986 section 4.3: scheme ":" hier-part. On Unix, Uri also accepts "/path" as an absolute file URI; the
    // scheme check refuses it.
    internal static bool IsAbsoluteUri(string? uri)
        => !string.IsNullOrEmpty(uri)
            && System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
            && uri.Length > parsed.Scheme.Length
            && uri.StartsWith(parsed.Scheme, StringComparison.OrdinalIgnoreCase)
            && uri[parsed.Scheme.Length] == ':'
            && uri.Trim().Length == uri.Length;


}
