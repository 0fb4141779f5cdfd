using System;
using System.Text.Json;

namespace Credentials.Status;

/// <summary>
/// A verified Status List Token in JWT format (draft-ietf-oauth-status-list section 5.1): its signature, <c>typ</c>,
/// <c>sub</c>, times and <c>status_list</c> have been checked by <see cref="StatusListTokenVerifier"/>.
/// </summary>
public sealed class StatusListToken
{
    internal StatusListToken(string compact, JsonElement payload, string subject, string? issuer, DateTimeOffset issuedAt, DateTimeOffset? expiresAt, DateTimeOffset? notBefore, TimeSpan? timeToLive, StatusList statusList, string? aggregationUri)
    {
        Compact = compact;
        Payload = payload;
        Subject = subject;
        Issuer = issuer;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        NotBefore = notBefore;
        TimeToLive = timeToLive;
        StatusList = statusList;
        AggregationUri = aggregationUri;
    }

    /// <summary>The token exactly as received (JWS compact serialization).</summary>
    public string Compact { get; }

    /// <summary>The verified claims set, including claims this library does not interpret.</summary>
    public JsonElement Payload { get; }

    /// <summary>The <c>sub</c> claim: the URI of the Status List Token.</summary>
    public string Subject { get; }

    /// <summary>The <c>iss</c> claim, if any.</summary>
    public string? Issuer { get; }

    /// <summary>The <c>iat</c> claim: when the Status Issuer issued the token.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>The <c>exp</c> claim, if any: after this time the token must not be relied upon.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>The <c>nbf</c> claim, if any.</summary>
    public DateTimeOffset? NotBefore { get; }

    /// <summary>The <c>ttl</c> claim, if any: how long a consumer may cache the token before fetching a fresh copy.</summary>
    public TimeSpan? TimeToLive { get; }

    /// <summary>The decoded Status List.</summary>
    public StatusList StatusList { get; }

    /// <summary>The <c>status_list.aggregation_uri</c> member, if any (section 9).</summary>
    public string? AggregationUri { get; }

    /// <inheritdoc />
    public override string ToString() => $"StatusListToken({Subject}, {StatusList})";
}
