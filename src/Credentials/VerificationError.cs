namespace Credentials;

/// <summary>
/// Why verification or parsing of untrusted input failed.
/// </summary>
/// <remarks>
/// Messages never contain claim values, salts or key material: only digests, claim paths and algorithm names.
/// Match on <see cref="Code"/> or <see cref="Kind"/>; the message is for people and may change.
/// </remarks>
public sealed record VerificationError
{
    /// <summary>Creates an error; its <see cref="Kind"/> is the code's.</summary>
    /// <param name="code">The stable error code, defined with its kind in the <c>*Errors</c> class of its area.</param>
    /// <param name="message">A human-readable explanation without secrets.</param>
    public VerificationError(ErrorCode code, string message)
    {
        Code = code;
        Message = message;
    }

    /// <summary>The stable error code, for example <c>sdjwt.duplicate_disclosure</c>.</summary>
    public ErrorCode Code { get; }

    /// <summary>The failure category: the code's <see cref="ErrorCode.Kind"/>.</summary>
    public VerificationFailureKind Kind => Code.Kind;

    /// <summary>A human-readable explanation. Never contains claim values, salts or key material.</summary>
    public string Message { get; }

    /// <summary>The claim path the error is about, when there is one (for example <c>["address","street"]</c>).</summary>
    public ClaimPath? Path { get; init; }

    /// <summary>The underlying error, when this one wraps another (for example a key-binding JWT's signature error).</summary>
    public VerificationError? Inner { get; init; }

    /// <inheritdoc />
    public override string ToString() => Inner is null ? $"{Code}: {Message}" : $"{Code}: {Message} ({Inner})";
}
