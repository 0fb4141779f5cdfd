using System;

namespace Credentials.Samples;

/// <summary>
/// Carries a <see cref="CliError"/> from deep inside a command to the top-level handler, which prints it and exits
/// with its code. Throw it (usually through <see cref="CliErrors"/>) for any failure caused by the user's input.
/// </summary>
public sealed class CliException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public CliException(CliError error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>Creates the exception for <paramref name="error"/>, keeping the cause for debugging.</summary>
    public CliException(CliError error, Exception? innerException)
        : base(error?.Message, innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The error to report.</summary>
    public CliError Error { get; }
}
