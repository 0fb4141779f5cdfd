using System;

namespace Credentials.Mdoc.Internal;

/// <summary>Carries a stable error out of the recursive readers; caught at every public <c>Read</c> boundary and never escapes.</summary>
internal sealed class MdocFormatException : Exception
{
    public MdocFormatException(ErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public MdocFormatException()
    {
    }

    public MdocFormatException(string message)
        : base(message)
    {
    }

    public MdocFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ErrorCode Code { get; } = MdocErrors.MalformedCbor;

    public VerificationError ToError() => new(Code, Message);
}
