using System;
using System.Collections.Generic;
using Credentials.Keys;
using Credentials.Status;

namespace Credentials.AspNetCore.StatusLists;

/// <summary>
/// What <c>services.AddStatusLists(...)</c> keeps fresh: the lists, how their Status List Tokens are signed, and when
/// they are re-signed. Bound from configuration for the scalar settings (<see cref="Lists"/>, lifetimes, intervals,
/// <see cref="PublishDirectory"/>); the key (<see cref="Signer"/> or <see cref="TokenIssuer"/>), the
/// <see cref="Store"/> and <see cref="PublishFileName"/> are set in code. Validated when the host starts.
/// </summary>
/// <remarks>
/// A token is re-signed when less than <see cref="RefreshMargin"/> of its lifetime remains: the lifetime is
/// <c>exp − iat</c>, or <c>ttl</c> for a token without <c>exp</c>, read from the token that is actually stored (so a
/// token published by another instance counts). With the defaults (one day, a third) every list is re-signed about
/// 16 hours after its last signature, 8 hours before it would expire.
/// </remarks>
public sealed class StatusListHostingOptions
{
    /// <summary>The default <see cref="TokenLifetime"/>: one day.</summary>
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromDays(1);

    /// <summary>The default <see cref="TimeToLive"/>: one hour.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromHours(1);

    /// <summary>The default <see cref="RefreshMargin"/>: a third of the lifetime.</summary>
    public const double DefaultRefreshMargin = 1.0 / 3.0;

    /// <summary>The default <see cref="CheckInterval"/>: one minute.</summary>
    public static readonly TimeSpan DefaultCheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>The default <see cref="RetryDelay"/>: five seconds.</summary>
    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>The default <see cref="MaxRetryDelay"/>: five minutes.</summary>
    public static readonly TimeSpan DefaultMaxRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The URIs of the lists to keep fresh (each the <c>sub</c> of its token; created beforehand with
    /// <see cref="StatusListIssuer.CreateListAsync"/>). A list passed to <see cref="IStatusListPublisher"/> is kept
    /// fresh from then on too.
    /// </summary>
    public IList<string> Lists { get; } = [];

    /// <summary>
    /// The Status Issuer's key. A <see cref="StatusListTokenIssuer"/> is built from it with <see cref="TokenLifetime"/>,
    /// <see cref="TimeToLive"/>, <see cref="Issuer"/> and the application's <see cref="TimeProvider"/>. Set this or
    /// <see cref="TokenIssuer"/>, not both.
    /// </summary>
    public ISigner? Signer { get; set; }

    /// <summary>
    /// A token issuer configured in code (its own clock, compression, <c>aggregation_uri</c>); overrides
    /// <see cref="Signer"/>, <see cref="TokenLifetime"/>, <see cref="TimeToLive"/> and <see cref="Issuer"/>.
    /// </summary>
    public StatusListTokenIssuer? TokenIssuer { get; set; }

    /// <summary>
    /// The store of the lists; when <see langword="null"/>, the <see cref="IStatusListStore"/> registered in DI
    /// (<c>AddSqliteStatusListStore</c>, or a PostgreSQL store shared by several instances).
    /// </summary>
    public IStatusListStore? Store { get; set; }

    /// <summary>The <c>exp</c> of each token, after its <c>iat</c>. Default <see cref="DefaultTokenLifetime"/>.</summary>
    public TimeSpan TokenLifetime { get; set; } = DefaultTokenLifetime;

    /// <summary>The <c>ttl</c> claim: how long verifiers may cache a token. Default <see cref="DefaultTimeToLive"/>.</summary>
    public TimeSpan TimeToLive { get; set; } = DefaultTimeToLive;

    /// <summary>
    /// The <c>iss</c> claim of the tokens, if any (optional in a Status List Token, draft-ietf-oauth-status-list §5.1).
    /// Read when the first token is signed, so it may be set after start-up when it is the server's own address.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// Resolves the <c>iss</c> claim of the tokens from the application's services, instead of <see cref="Issuer"/>
    /// (set one or neither): for an issuer known only once the server listens, such as its own address. Called once, when
    /// the first token is signed or the <see cref="StatusListIssuer"/> is first resolved (whichever comes first); an
    /// exception is not remembered, so a call made too early is retried at the next signing. A <see langword="null"/>
    /// result signs without <c>iss</c> (optional, draft-ietf-oauth-status-list §5.1). Ignored with <see cref="TokenIssuer"/>.
    /// </summary>
    public Func<IServiceProvider, string?>? ResolveIssuer { get; set; }

    /// <summary>
    /// Re-sign a token when less than this fraction of its lifetime remains (greater than 0, less than 1). Default
    /// <see cref="DefaultRefreshMargin"/>.
    /// </summary>
    public double RefreshMargin { get; set; } = DefaultRefreshMargin;

    /// <summary>
    /// The longest time between two looks at a list's stored token (which may have been published by another instance).
    /// Must be shorter than the refresh margin of the token lifetime. Default <see cref="DefaultCheckInterval"/>.
    /// </summary>
    public TimeSpan CheckInterval { get; set; } = DefaultCheckInterval;

    /// <summary>The first wait after a failed publication; doubled at each failure of the same list. Default <see cref="DefaultRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = DefaultRetryDelay;

    /// <summary>The longest wait between two attempts at a failing list. Default <see cref="DefaultMaxRetryDelay"/>.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = DefaultMaxRetryDelay;

    /// <summary>
    /// A directory where every published token is also written, as a static file a web server or CDN can serve
    /// (atomically: a temporary file renamed over the old one); <see langword="null"/> for none. Serve the files with
    /// <c>Content-Type: application/statuslist+jwt</c>.
    /// </summary>
    public string? PublishDirectory { get; set; }

    /// <summary>
    /// The file name of a list in <see cref="PublishDirectory"/>. Default: the last segment of the list URI's path
    /// (<c>https://issuer.example/statuslists/7</c> → <c>7</c>). A name must be a plain file name: no directory
    /// separator, not <c>.</c> or <c>..</c>, not rooted, no invalid file-name character; two lists may not share one.
    /// </summary>
    public Func<string, string>? PublishFileName { get; set; }
}
