using System;

namespace Credentials.OpenId4Vci;

/// <summary>A Notification Request (OpenID4VCI 1.0 section 11.1): the <c>notification_id</c> of a Credential Response and what became of its Credentials.</summary>
public sealed record NotificationRequest
{
    /// <summary>The largest request body accepted by <see cref="Read"/> (16 KiB).</summary>
    public const int MaxLength = 16 * 1024;

    /// <summary>The longest <c>event_description</c> accepted (1000 characters).</summary>
    public const int MaxDescriptionLength = 1000;

    /// <summary>The <c>notification_id</c> of the (Deferred) Credential Response.</summary>
    public required string NotificationId { get; init; }

    /// <summary>The <c>event</c>.</summary>
    public required CredentialNotificationEvent Event { get; init; }

    /// <summary>The <c>event_description</c>: ASCII <c>%x20-21 / %x23-5B / %x5D-7E</c> only, at most <see cref="MaxDescriptionLength"/> characters.</summary>
    public string? EventDescription { get; init; }

    /// <summary>The wire value of an event, for example <c>credential_accepted</c>.</summary>
    /// <param name="event">The event.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined event.</exception>
    public static string ToWire(CredentialNotificationEvent @event) => @event switch
    {
        CredentialNotificationEvent.CredentialAccepted => "credential_accepted",
        CredentialNotificationEvent.CredentialFailure => "credential_failure",
        CredentialNotificationEvent.CredentialDeleted => "credential_deleted",
        _ => throw new ArgumentOutOfRangeException(nameof(@event)),
    };

    /// <summary>Serializes the request.</summary>
    /// <returns>The JSON text.</returns>
    /// <exception cref="InvalidOperationException">The description has characters outside the allowed set or is too long.</exception>
    public string ToJson()
    {
        if (EventDescription is not null && !IsAllowedDescription(EventDescription))
        {
            throw new InvalidOperationException("event_description must be ASCII %x20-21 / %x23-5B / %x5D-7E, at most 1000 characters.");
        }

        return OpenId4VciJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("notification_id", NotificationId);
            w.WriteString("event", ToWire(Event));
            if (EventDescription is not null)
            {
                w.WriteString("event_description", EventDescription);
            }

            w.WriteEndObject();
        });
    }

    /// <summary>Parses an untrusted Notification Request body; unknown members are ignored (section 11.1). Never throws for bad input.</summary>
    /// <param name="utf8">The JSON body.</param>
    /// <returns>The request, or <see cref="OpenId4VciErrors.InvalidNotificationRequest"/>.</returns>
    public static VerificationResult<NotificationRequest> Read(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Length > MaxLength || OpenId4VciJson.ParseObject(utf8) is not { } root)
        {
            return Invalid("The Notification Request is not a JSON object within the size limit (or repeats a member).");
        }

        if (!OpenId4VciJson.TryRequiredString(root, "notification_id", out var id) || id.Length > 512)
        {
            return Invalid("notification_id must be a non-empty string.");
        }

        // Section 11.1: event is a case-sensitive string, one of three values.
        if (!OpenId4VciJson.TryRequiredString(root, "event", out var wire))
        {
            return Invalid("event must be a non-empty string.");
        }

        CredentialNotificationEvent @event;
        switch (wire)
        {
            case "credential_accepted": @event = CredentialNotificationEvent.CredentialAccepted; break;
            case "credential_failure": @event = CredentialNotificationEvent.CredentialFailure; break;
            case "credential_deleted": @event = CredentialNotificationEvent.CredentialDeleted; break;
            default: return Invalid("event must be credential_accepted, credential_failure or credential_deleted.");
        }

        if (!OpenId4VciJson.TryOptionalString(root, "event_description", out var description)
            || (description is not null && !IsAllowedDescription(description)))
        {
            return Invalid("event_description must be a string of ASCII %x20-21 / %x23-5B / %x5D-7E, at most 1000 characters.");
        }

        return new NotificationRequest { NotificationId = id, Event = @event, EventDescription = description };
    }

    // Section 11.1: event_description MUST NOT include characters outside %x20-21 / %x23-5B / %x5D-7E.
    private static bool IsAllowedDescription(string value)
    {
        if (value.Length > MaxDescriptionLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < ' ' or > '~' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    private static VerificationError Invalid(string message) => new(OpenId4VciErrors.InvalidNotificationRequest, message);

    /// <inheritdoc />
    public override string ToString() => $"NotificationRequest({ToWire(Event)})";
}
