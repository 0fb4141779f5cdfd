using System;

namespace Credentials.W3c.DataIntegrity;

/// <summary>Options for <see cref="DataIntegrityIssuer"/>.</summary>
public sealed record DataIntegrityIssuerOptions
{
    /// <summary>The default options.</summary>
    public static DataIntegrityIssuerOptions Default { get; } = new();

    /// <summary>The clock for <c>created</c> when a proof's options give none.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
