using System;
using System.Collections.Immutable;
using System.Linq;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credentials.W3c.BitstringStatus;

/// <summary>
/// A credential's <c>credentialStatus</c> entry of type <c>BitstringStatusListEntry</c> (Bitstring Status List v1.0
/// section 2.1): where the credential's status lives and what it means.
/// </summary>
public sealed record BitstringStatusListEntry
{
    /// <summary>The entry's <c>type</c>.</summary>
    public const string TypeName = "BitstringStatusListEntry";

    /// <summary>Creates an entry.</summary>
    /// <param name="statusPurpose">The purpose (<see cref="BitstringStatusPurposes"/>).</param>
    /// <param name="statusListIndex">The credential's index in the list.</param>
    /// <param name="statusListCredential">The URL of the <c>BitstringStatusListCredential</c>.</param>
    /// <exception cref="ArgumentException">The purpose is empty, the index negative, or the URL not absolute.</exception>
    public BitstringStatusListEntry(string statusPurpose, long statusListIndex, Uri statusListCredential)
    {
        ArgumentException.ThrowIfNullOrEmpty(statusPurpose);
        ArgumentOutOfRangeException.ThrowIfNegative(statusListIndex);
        ArgumentNullException.ThrowIfNull(statusListCredential);
        if (!statusListCredential.IsAbsoluteUri)
        {
            throw new ArgumentException("The status list credential URL must be absolute.", nameof(statusListCredential));
        }

        StatusPurpose = statusPurpose;
        StatusListIndex = statusListIndex;
        StatusListCredential = statusListCredential;
    }

    /// <summary>The entry's optional <c>id</c>; never the list's URL (section 2.1).</summary>
    public Uri? Id { get; init; }

    /// <summary>The <c>statusPurpose</c>.</summary>
    public string StatusPurpose { get; }

    /// <summary>The <c>statusListIndex</c> (written as a base-10 string).</summary>
    public long StatusListIndex { get; }

    /// <summary>The <c>statusListCredential</c> URL.</summary>
    public Uri StatusListCredential { get; }

    /// <summary>The <c>statusSize</c> in bits; 1 when absent (section 2.1).</summary>
    public int StatusSize { get; init; } = 1;

    /// <summary>The <c>statusMessage</c> entries; empty when absent (then 0 means "unset" and 1 "set").</summary>
    public ImmutableArray<BitstringStatusMessage> StatusMessages { get; init; } = [];

    /// <summary>The <c>statusReference</c> URLs; empty when absent.</summary>
    public ImmutableArray<Uri> StatusReferences { get; init; } = [];

    /// <summary>The message for a status value, from <see cref="StatusMessages"/>; "unset"/"set" for a 1-bit entry without messages.</summary>
    /// <param name="status">The status value read from the list.</param>
    public string? MessageFor(int status)
    {
        foreach (var message in StatusMessages)
        {
            if (message.Status == status)
            {
                return message.Message;
            }
        }

        return StatusMessages.IsDefaultOrEmpty && StatusSize == 1 ? (status == 0 ? "unset" : "set") : null;
    }

    /// <summary>Reads a <c>credentialStatus</c> entry from untrusted JSON. Never throws for bad input.</summary>
    /// <param name="entry">One <c>credentialStatus</c> object.</param>
    /// <returns>The entry, or <see cref="BitstringStatusErrors.MalformedEntry"/> naming the member that breaks section 2.1.</returns>
    public static VerificationResult<BitstringStatusListEntry> Read(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return Malformed("credentialStatus must be an object.");
        }

        if (!HasType(entry))
        {
            return Malformed("credentialStatus.type must be BitstringStatusListEntry.");
        }

        if (!entry.TryGetProperty("statusPurpose", out var purpose) || purpose.ValueKind != JsonValueKind.String || purpose.GetString() is not { Length: > 0 } statusPurpose)
        {
            return Malformed("statusPurpose must be a non-empty string.");
        }

        // Section 2.1: "an arbitrary size integer greater than or equal to 0, expressed as a string in base 10".
        if (!entry.TryGetProperty("statusListIndex", out var indexElement) || indexElement.ValueKind != JsonValueKind.String
            || indexElement.GetString() is not { Length: > 0 } indexText || !IsDigits(indexText))
        {
            return Malformed("statusListIndex must be a base-10 integer written as a string.");
        }

        if (!long.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return new VerificationError(BitstringStatusErrors.IndexOutOfRange, "statusListIndex is larger than any list this verifier accepts.");
        }

        if (!TryReadUrl(entry, "statusListCredential", out var listUrl) || listUrl is null)
        {
            return Malformed("statusListCredential must be an absolute URL.");
        }

        Uri? id = null;
        if (entry.TryGetProperty("id", out _))
        {
            if (!TryReadUrl(entry, "id", out id) || id is null)
            {
                return Malformed("credentialStatus.id must be a URL.");
            }

            // Section 2.1: the id "MUST NOT be the URL for the status list".
            if (string.Equals(id.OriginalString, listUrl.OriginalString, StringComparison.Ordinal))
            {
                return Malformed("credentialStatus.id must not be the status list's URL.");
            }
        }

        var statusSize = 1;
        if (entry.TryGetProperty("statusSize", out var sizeElement))
        {
            if (sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt32(out statusSize) || statusSize < 1)
            {
                return Malformed("statusSize must be an integer greater than zero.");
            }

            if (statusSize > BitstringStatusList.MaxStatusSize)
            {
                return Malformed($"statusSize above {BitstringStatusList.MaxStatusSize} bits is not supported.");
            }
        }

        var messages = ImmutableArray<BitstringStatusMessage>.Empty;
        if (entry.TryGetProperty("statusMessage", out var messagesElement))
        {
            if (messagesElement.ValueKind != JsonValueKind.Array)
            {
                return Malformed("statusMessage must be an array.");
            }

            // Section 2.1: the array's length MUST equal the number of possible values, 2^statusSize.
            if (messagesElement.GetArrayLength() != 1 << statusSize)
            {
                return Malformed("statusMessage must have one element per possible status value (2^statusSize).");
            }

            var builder = ImmutableArray.CreateBuilder<BitstringStatusMessage>(1 << statusSize);
            foreach (var item in messagesElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("status", out var statusElement) || statusElement.ValueKind != JsonValueKind.String
                    || !TryParseHexStatus(statusElement.GetString()!, out var status) || status >= 1 << statusSize
                    || !item.TryGetProperty("message", out var messageElement) || messageElement.ValueKind != JsonValueKind.String)
                {
                    return Malformed("Each statusMessage element must have a status (0x-prefixed hexadecimal within statusSize) and a message string.");
                }

                builder.Add(new BitstringStatusMessage(status, messageElement.GetString()!));
            }

            messages = builder.MoveToImmutable();
        }
        else if (statusSize > 1)
        {
            // Section 2.1: statusMessage "MUST be present if statusSize is greater than 1".
            return Malformed("statusMessage must be present when statusSize is greater than 1.");
        }

        var references = ImmutableArray<Uri>.Empty;
        if (entry.TryGetProperty("statusReference", out var referenceElement))
        {
            if (referenceElement.ValueKind == JsonValueKind.String)
            {
                if (!TryCreateUrl(referenceElement.GetString()!, out var reference) || reference is null)
                {
                    return Malformed("statusReference must be a URL or an array of URLs.");
                }

                references = [reference];
            }
            else if (referenceElement.ValueKind == JsonValueKind.Array)
            {
                var builder = ImmutableArray.CreateBuilder<Uri>();
                foreach (var item in referenceElement.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || !TryCreateUrl(item.GetString()!, out var reference) || reference is null)
                    {
                        return Malformed("statusReference must be a URL or an array of URLs.");
                    }

                    builder.Add(reference);
                }

                references = builder.ToImmutable();
            }
            else
            {
                return Malformed("statusReference must be a URL or an array of URLs.");
            }
        }

        return new BitstringStatusListEntry(statusPurpose, index, listUrl)
        {
            Id = id,
            StatusSize = statusSize,
            StatusMessages = messages,
            StatusReferences = references,
        };
    }

    /// <summary>Writes the entry as a <c>credentialStatus</c> object.</summary>
    public JsonObject ToJsonObject()
    {
        var json = new JsonObject();
        if (Id is not null)
        {
            json["id"] = Id.OriginalString;
        }

        json["type"] = TypeName;
        json["statusPurpose"] = StatusPurpose;
        json["statusListIndex"] = StatusListIndex.ToString(CultureInfo.InvariantCulture);
        json["statusListCredential"] = StatusListCredential.OriginalString;
        if (StatusSize != 1)
        {
            json["statusSize"] = StatusSize;
        }

        if (!StatusMessages.IsDefaultOrEmpty)
        {
            var messages = new JsonArray();
            foreach (var message in StatusMessages)
            {
                messages.Add((JsonNode)new JsonObject
                {
                    ["status"] = "0x" + message.Status.ToString("x", CultureInfo.InvariantCulture),
                    ["message"] = message.Message,
                });
            }

            json["statusMessage"] = messages;
        }

        if (!StatusReferences.IsDefaultOrEmpty)
        {
            json["statusReference"] = StatusReferences.Length == 1
                ? JsonValue.Create(StatusReferences[0].OriginalString)
                : new JsonArray([.. StatusReferences.Select(static r => (JsonNode?)JsonValue.Create(r.OriginalString))]);
        }

        return json;
    }

    private static bool HasType(JsonElement entry)
    {
        if (!entry.TryGetProperty("type", out var type))
        {
            return false;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.ValueEquals(TypeName);
        }

        if (type.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in type.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.ValueEquals(TypeName))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryReadUrl(JsonElement entry, string name, out Uri? url)
    {
        url = null;
        return entry.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String
            && TryCreateUrl(element.GetString()!, out url);
    }

    // The data model's URL rule (VCDM 2.0 section 4.4): a scheme, ':', no whitespace; Uri alone takes "/path" as a file URI on Unix.
    private static bool TryCreateUrl(string text, out Uri? url)
    {
        url = null;
        return W3cSyntax.IsUrl(text) && Uri.TryCreate(text, UriKind.Absolute, out url);
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseHexStatus(string text, out int status)
    {
        status = 0;
        return text.Length is > 2 and <= 10 && text[0] == '0' && text[1] is 'x' or 'X'
            && int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out status) && status >= 0;
    }

    private static VerificationError Malformed(string message) => new(BitstringStatusErrors.MalformedEntry, message);
}
