using System;

namespace Credentials.Pkcs11;

/// <summary>How <see cref="Pkcs11Token.Open(Pkcs11Uri, Pkcs11TokenOptions?)"/> finds the module and the PIN, and how many sessions it keeps.</summary>
public sealed record Pkcs11TokenOptions
{
    /// <summary>The default <see cref="MaxSessions"/>: 8.</summary>
    public const int DefaultMaxSessions = 8;

    /// <summary>The module (PKCS#11 library) file when the URI has no <c>module-path</c>.</summary>
    public string? ModulePath { get; init; }

    /// <summary>
    /// The NAME of an environment variable holding the user PIN, used when the URI has no <c>pin-source</c>
    /// (for example <c>CREDENTIALS_PKCS11_PIN</c>). The PIN itself is never an option: it would end up in code,
    /// configuration or a command line.
    /// </summary>
    public string? PinEnvironmentVariable { get; init; }

    /// <summary>
    /// The most sessions open at once for signing (default <see cref="DefaultMaxSessions"/>, 1 to 256). Signing calls
    /// beyond it wait for a free session. One more session stays open to keep the login.
    /// </summary>
    public int MaxSessions { get; init; } = DefaultMaxSessions;

    /// <summary>The most bytes read from a <c>pin-source</c> file (default 1024); a longer file is refused.</summary>
    public int MaxPinFileBytes { get; init; } = 1024;

    /// <summary>The default <see cref="DisposeTimeout"/>: 30 seconds.</summary>
    public static TimeSpan DefaultDisposeTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long <see cref="Pkcs11Token.Dispose"/> and <see cref="Pkcs11Token.DisposeAsync"/> wait for the signings
    /// already inside the module to return (default <see cref="DefaultDisposeTimeout"/>; positive, or
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>). When it passes, disposal returns without closing the
    /// token's sessions, which are closed (and the user logged out) when the last of those signings returns; a session
    /// is never closed under a call still running on the token.
    /// </summary>
    public TimeSpan DisposeTimeout { get; init; } = DefaultDisposeTimeout;
}
