using System;
using System.Buffers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.Status;

/// <summary>
/// Signs Status List Tokens in JWT format (draft-ietf-oauth-status-list section 5.1): header <c>typ</c>
/// <c>statuslist+jwt</c>; claims <c>sub</c> (the list's URI), <c>iat</c>, <c>exp</c>, <c>ttl</c>, optional <c>iss</c>,
/// and <c>status_list</c> {<c>bits</c>, <c>lst</c>, <c>aggregation_uri</c>}. Stateless and thread-safe.
/// </summary>
public sealed class StatusListTokenIssuer
{
    /// <summary>The JWT <c>typ</c> of a Status List Token.</summary>
    public const string TokenType = "statuslist+jwt";

    /// <summary>The HTTP media type of a Status List Token in JWT format.</summary>
    public const string MediaType = "application/statuslist+jwt";

    private readonly ISigner _signer;
    private readonly StatusListTokenIssuerOptions _options;

    /// <summary>The longest <see cref="StatusListTokenIssuerOptions.Lifetime"/> and <see cref="StatusListTokenIssuerOptions.TimeToLive"/> accepted: 100 years.</summary>
    public static TimeSpan MaxLifetime { get; } = TimeSpan.FromDays(36525);

    /// <summary>Creates an issuer.</summary>
    /// <param name="signer">The Status Issuer's key (may differ from the credential issuer's).</param>
    /// <param name="options">Claim settings; <see cref="StatusListTokenIssuerOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentException">The options are invalid (non-positive lifetime or ttl, aggregation URI not absolute).</exception>
    public StatusListTokenIssuer(ISigner signer, StatusListTokenIssuerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        options ??= StatusListTokenIssuerOptions.Default;
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        // Bounded so that iat + lifetime stays a NumericDate a verifier accepts (up to 9999-12-31), whatever the clock.
        if (options.Lifetime is { } lifetime && (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime))
        {
            throw new ArgumentException($"The token lifetime must be positive and at most {MaxLifetime.TotalDays} days.", nameof(options));
        }

        if (options.TimeToLive is { } ttl && (ttl <= TimeSpan.Zero || ttl > MaxLifetime))
        {
            throw new ArgumentException($"The ttl must be positive (section 5.1) and at most {MaxLifetime.TotalDays} days.", nameof(options));
        }

        if (!Enum.IsDefined(options.CompressionLevel))
        {
            throw new ArgumentException("The compression level is not a defined CompressionLevel.", nameof(options));
        }

        if (options.AggregationUri is not null && !StatusReference.IsAbsoluteUri(options.AggregationUri))
        {
            throw new ArgumentException("The aggregation URI must be an absolute URI.", nameof(options));
        }

        _signer = signer;
        _options = options;
    }

    /// <summary>Signs a Status List Token for the list at <paramref name="uri"/>.</summary>
    /// <param name="uri">The list's URI: the <c>sub</c> claim, equal to the <c>uri</c> in the credentials that reference it.</param>
    /// <param name="list">The statuses.</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>The compact JWT.</returns>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is not an absolute URI.</exception>
    public ValueTask<string> IssueAsync(string uri, StatusList list, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        return IssueEncodedAsync(uri, list.Bits, list.Encode(_options.CompressionLevel), cancellationToken);
    }

    /// <summary>Signs a Status List Token from a builder's current statuses.</summary>
    /// <param name="uri">The list's URI (<c>sub</c>).</param>
    /// <param name="list">The statuses.</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>The compact JWT.</returns>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is not an absolute URI.</exception>
    public ValueTask<string> IssueAsync(string uri, StatusListBuilder list, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        return IssueEncodedAsync(uri, list.Bits, list.Encode(_options.CompressionLevel), cancellationToken);
    }

    private async ValueTask<string> IssueEncodedAsync(string uri, int bits, string lst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!StatusReference.IsAbsoluteUri(uri))
        {
            throw new ArgumentException("The Status List URI must be an absolute URI.", nameof(uri));
        }

        var now = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var buffer = new ArrayBufferWriter<byte>(lst.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("sub", uri);
            if (_options.Issuer is not null)
            {
                writer.WriteString("iss", _options.Issuer);
            }

            writer.WriteNumber("iat", now);
            if (_options.Lifetime is { } lifetime)
            {
                writer.WriteNumber("exp", now + (long)Math.Ceiling(lifetime.TotalSeconds));
            }

            if (_options.TimeToLive is { } ttl)
            {
                writer.WriteNumber("ttl", (long)Math.Ceiling(ttl.TotalSeconds));
            }

            writer.WriteStartObject("status_list");
            writer.WriteNumber("bits", bits);
            writer.WriteString("lst", lst);
            if (_options.AggregationUri is not null)
            {
                writer.WriteString("aggregation_uri", _options.AggregationUri);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return await JwsWriter.SignCompactAsync(_signer, buffer.WrittenMemory, TokenType, null, cancellationToken).ConfigureAwait(false);
    }
}
