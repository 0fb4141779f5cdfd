using System;
using System.IO.Compression;

namespace Credentials.Status;

/// <summary>How a <see cref="StatusListTokenIssuer"/> fills the claims of the Status List Tokens it signs.</summary>
public sealed record StatusListTokenIssuerOptions
{
    /// <summary>The default options: <c>exp</c> one day after <c>iat</c>, <c>ttl</c> one hour, highest compression.</summary>
    public static StatusListTokenIssuerOptions Default { get; } = new();

    /// <summary>The clock for <c>iat</c> and <c>exp</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long after <c>iat</c> the token expires (<c>exp</c>); <see langword="null"/> for no <c>exp</c>. Default one day.</summary>
    public TimeSpan? Lifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The <c>ttl</c> claim (whole seconds, rounded up); <see langword="null"/> for none. Default one hour.</summary>
    public TimeSpan? TimeToLive { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The <c>iss</c> claim, if any.</summary>
    public string? Issuer { get; init; }

    /// <summary>The <c>status_list.aggregation_uri</c> member, if any (section 9.2).</summary>
    public string? AggregationUri { get; init; }

    /// <summary>The DEFLATE level for <c>lst</c>. Default <see cref="CompressionLevel.SmallestSize"/>, as the draft recommends.</summary>
    public CompressionLevel CompressionLevel { get; init; } = CompressionLevel.SmallestSize;
}
