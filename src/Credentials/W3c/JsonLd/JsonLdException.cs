using System;

namespace Credentials.W3c.JsonLd;

/// <summary>
/// Unwinds the recursive JSON-LD algorithms when they detect an error; <see cref="JsonLdProcessor"/> turns it into a
/// <see cref="VerificationError"/>, so it never leaves the library.
/// </summary>
internal sealed class JsonLdException(ErrorCode code, string message, VerificationError? inner = null) : Exception(message)
{
    public ErrorCode Code { get; } = code;

    public VerificationError ToError() => new(Code, Message) { Inner = inner };
}

/// <summary>
/// Thrown when a remote document is needed whose loading did not complete synchronously: the processor awaits the
/// load and runs the algorithm again with the document in hand.
/// </summary>
internal sealed class JsonLdPendingLoadException(string url) : Exception("A remote document is being loaded.")
{
    public string Url { get; } = url;
}
