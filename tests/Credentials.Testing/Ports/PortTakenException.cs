using System;

namespace Credentials.Testing.Ports;

/// <summary>
/// Thrown by a test's start helper when the server it ran reported that its address was in use (for example a
/// sample's <c>*.address_in_use</c> error code), so that <see cref="LoopbackPort"/> retries.
/// </summary>
public sealed class PortTakenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PortTakenException()
        : base("The address was in use.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    /// <param name="message">What the server reported.</param>
    public PortTakenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the <paramref name="inner"/> exception.</summary>
    /// <param name="message">What the server reported.</param>
    /// <param name="inner">The exception that reported it.</param>
    public PortTakenException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
