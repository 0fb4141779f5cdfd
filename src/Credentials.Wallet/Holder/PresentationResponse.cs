using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace Credentials.Wallet.Holder;

/// <summary>
/// The wallet's answer to a request: the <c>vp_token</c> (OpenID4VP 1.0 section 8.1: Credential Query id → array of
/// presentations) when approved, or a denial with nothing disclosed.
/// </summary>
public sealed record PresentationResponse
{
    /// <summary>The OAuth error for a denial (OpenID4VP 1.0 section 8.5).</summary>
    public const string AccessDenied = "access_denied";

    /// <summary>Whether the user denied: <see cref="VpToken"/> is empty and nothing was logged.</summary>
    public required bool IsDenied { get; init; }

    /// <summary>The OAuth error to return to the verifier (<see cref="AccessDenied"/>) when denied, otherwise <see langword="null"/>.</summary>
    public string? Error => IsDenied ? AccessDenied : null;

    /// <summary>The <c>vp_token</c>: for each answered Credential Query id, its presentations (one here).</summary>
    public required IReadOnlyDictionary<string, ImmutableArray<string>> VpToken { get; init; }

    /// <summary>What was sent, per presentation.</summary>
    public required ImmutableArray<PresentedCredential> Presented { get; init; }

    /// <summary>The disclosure log entry recorded for this presentation, or <see langword="null"/> when denied.</summary>
    public string? LogEntryId { get; init; }

    /// <summary>The <c>vp_token</c> as JSON: <c>{"&lt;query id&gt;":["&lt;SD-JWT+KB&gt;"]}</c>.</summary>
    public string ToVpTokenJson()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (id, presentations) in VpToken)
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
