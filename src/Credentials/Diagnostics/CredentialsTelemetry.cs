using System;
using System.Reflection;

namespace Credentials.Diagnostics;

/// <summary>
/// The names under which the library reports traces and metrics, for OpenTelemetry (<c>AddSource</c>/<c>AddMeter</c>)
/// or any <see cref="System.Diagnostics.ActivityListener"/> and <see cref="System.Diagnostics.Metrics.MeterListener"/>.
/// </summary>
/// <remarks>
/// The library records only when something listens: without a listener an instrumented call costs a few flag reads
/// and allocates nothing. Tags carry identifiers (format, credential configuration id, <c>vct</c>, error code, outcome),
/// never a claim value, salt, key, token, nonce or presentation. Every activity and instrument is listed in
/// <c>specs/observability.md</c>.
/// </remarks>
public static class CredentialsTelemetry
{
    /// <summary>The name of the library's <see cref="System.Diagnostics.ActivitySource"/>: <c>Credentials</c>.</summary>
    public const string ActivitySourceName = "Credentials";

    /// <summary>The name of the library's <see cref="System.Diagnostics.Metrics.Meter"/>: <c>Credentials</c>.</summary>
    public const string MeterName = "Credentials";

    /// <summary>The version the activity source and the meter report: the library's version without build metadata.</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var assembly = typeof(CredentialsTelemetry).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
