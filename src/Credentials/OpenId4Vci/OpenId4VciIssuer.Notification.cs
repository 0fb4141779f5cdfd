using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.OpenId4Vci;

/// <content>The Notification Endpoint (OpenID4VCI 1.0 section 11).</content>
public sealed partial class OpenId4VciIssuer
{
    /// <summary>The store kind of <c>notification_id</c> values.</summary>
    public const string NotificationKind = "openid4vci.notification";

    private const int MaxNotificationAttempts = 16;

    /// <summary>The Notification Endpoint URL (<c>{id}/notification</c>), or <see langword="null"/> without <see cref="OpenId4VciIssuerOptions.Notifications"/>.</summary>
    public string? NotificationEndpoint => _options.Notifications is null ? null : CredentialIssuer + "/notification";

    /// <summary>
    /// Answers a Notification Request (<c>POST {path}/notification</c>, section 11): checks the bearer token (the one
    /// the credentials were issued to; valid here for its <c>notification_id</c> for <see cref="IssuerNotificationOptions.Lifetime"/>,
    /// even when single use consumed it at the Credential Endpoint) and the body, delivers the event to
    /// <see cref="IssuerNotificationOptions.OnNotification"/> unless it repeats the recorded one, and answers 204.
    /// </summary>
    /// <remarks>
    /// A <c>notification_id</c> issued under a DPoP-bound access token (RFC 9449) remembers the token's key: the token
    /// is then accepted only with the <c>DPoP</c> scheme and a valid proof by that key (with the token's <c>ath</c>),
    /// checked as at the Credential Endpoint before the app is told anything.
    /// </remarks>
    /// <param name="httpRequest">The request's method, URL and headers (<c>Authorization</c>, <c>DPoP</c>).</param>
    /// <param name="body">The <c>application/json</c> body, or <see langword="null"/> when it was not JSON or too large.</param>
    /// <param name="cancellationToken">Cancels the store and the app's callback.</param>
    /// <returns>204; or <c>invalid_token</c>, <c>invalid_dpop_proof</c>, <c>use_dpop_nonce</c> (401), <c>invalid_notification_request</c> or <c>invalid_notification_id</c> (400).</returns>
    public async ValueTask<IssuerEndpointResult> HandleNotificationRequestAsync(IssuerHttpRequest httpRequest, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpRequest);
        if (ReadAccessToken(httpRequest, out var dpopScheme) is not { } token)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidToken, "A Bearer access token is required.") with { WwwAuthenticate = MissingTokenChallenge() };
        }

        if (body is not { } json)
        {
            return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidNotificationRequest, "The Notification Request must be an application/json body within the size limit.");
        }

        var parsed = NotificationRequest.Read(json);
        if (!parsed.IsValid)
        {
            return IssuerEndpointResult.Fail(parsed.Error.Code, parsed.Error.Message);
        }

        var request = parsed.Value;
        var key = Hash(request.NotificationId);
        for (var attempt = 0; attempt < MaxNotificationAttempts; attempt++)
        {
            var now = _options.TimeProvider.GetUtcNow();
            var stored = _options.Notifications is null ? null : await _store.TryGetAsync(NotificationKind, key, now, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidNotificationId, "The notification_id is unknown or expired.");
            }

            var state = NotificationState.Read(stored);
            if (!FixedTimeEquals(state.TokenHash, Hash(token)))
            {
                return IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidToken, "The access token is not valid for this notification_id.");
            }

            // RFC 9449 section 7: the token's sender constraint, checked once, before the app hears of the event.
            if (attempt == 0 && await CheckBoundTokenDpopAsync(httpRequest, token, state.Jkt, dpopScheme, cancellationToken).ConfigureAwait(false) is { } dpopFailure)
            {
                return dpopFailure;
            }

            // Section 11: notifications are idempotent; a repeat of the recorded event succeeds without a second delivery.
            var wire = NotificationRequest.ToWire(request.Event);
            if (string.Equals(state.Event, wire, StringComparison.Ordinal))
            {
                return NoContent();
            }

            await _options.Notifications!.OnNotification(
                new CredentialNotification
                {
                    NotificationId = request.NotificationId,
                    Event = request.Event,
                    EventDescription = request.EventDescription,
                    CredentialConfigurationId = state.ConfigurationId,
                    SubjectId = state.SubjectId,
                    TransactionId = state.TransactionId,
                },
                cancellationToken).ConfigureAwait(false);
            if (await _store.TryUpdateAsync(NotificationKind, key, stored, (state with { Event = wire }).ToJson(), now, cancellationToken).ConfigureAwait(false))
            {
                return NoContent();
            }

            // Another notification changed the state meanwhile: decide again on the new state.
        }

        return NoContent();
    }

    /// <summary>A fresh <c>notification_id</c> for credentials about to be delivered, or <see langword="null"/> without the Notification Endpoint.</summary>
    private async ValueTask<string?> RegisterNotificationAsync(string configurationId, string? subjectId, string tokenHash, string? transactionId, CancellationToken cancellationToken)
        => _options.Notifications is null ? null
            : await RegisterNotificationAsync(configurationId, subjectId, tokenHash, await BoundJktAsync(tokenHash, cancellationToken).ConfigureAwait(false), transactionId, cancellationToken).ConfigureAwait(false);

    /// <summary>As the overload above, with the DPoP key thumbprint the token is bound to (kept with the <c>notification_id</c>).</summary>
    private async ValueTask<string?> RegisterNotificationAsync(string configurationId, string? subjectId, string tokenHash, string? jkt, string? transactionId, CancellationToken cancellationToken)
    {
        if (_options.Notifications is not { } notifications)
        {
            return null;
        }

        var id = RandomToken();
        var state = new NotificationState(configurationId, subjectId, tokenHash, jkt, transactionId, null);
        if (!await _store.TryAddAsync(NotificationKind, Hash(id), state.ToJson(), _options.TimeProvider.GetUtcNow() + notifications.Lifetime, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("A freshly generated notification_id collided; this should never happen.");
        }

        return id;
    }

    private static IssuerEndpointResult NoContent() => new() { StatusCode = 204, Body = string.Empty };

    private static void ValidateNotifications(IssuerNotificationOptions? n)
    {
        if (n is not null && (n.OnNotification is null || n.Lifetime <= TimeSpan.Zero))
        {
            throw new InvalidOperationException("IssuerNotificationOptions needs OnNotification and a positive Lifetime.");
        }
    }

    /// <summary>What the store keeps for a <c>notification_id</c>.</summary>
    private sealed record NotificationState(string ConfigurationId, string? SubjectId, string TokenHash, string? Jkt, string? TransactionId, string? Event)
    {
        public string ToJson() => OpenId4VciJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("c", ConfigurationId);
            if (SubjectId is not null)
            {
                w.WriteString("s", SubjectId);
            }

            w.WriteString("t", TokenHash);
            if (Jkt is not null)
            {
                w.WriteString("j", Jkt);
            }

            if (TransactionId is not null)
            {
                w.WriteString("x", TransactionId);
            }

            if (Event is not null)
            {
                w.WriteString("e", Event);
            }

            w.WriteEndObject();
        });

        public static NotificationState Read(string json)
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            return new NotificationState(
                root.GetProperty("c").GetString()!,
                root.TryGetProperty("s", out var s) ? s.GetString() : null,
                root.GetProperty("t").GetString()!,
                root.TryGetProperty("j", out var j) ? j.GetString() : null,
                root.TryGetProperty("x", out var x) ? x.GetString() : null,
                root.TryGetProperty("e", out var e) ? e.GetString() : null);
        }
    }
}
