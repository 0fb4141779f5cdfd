using System;
using System.Diagnostics.CodeAnalysis;

namespace Credentials;

/// <summary>
/// The outcome of verifying or parsing untrusted input: either a value or a <see cref="VerificationError"/>. Never thrown.
/// </summary>
/// <typeparam name="T">The type of the verified value.</typeparam>
public class VerificationResult<T>
{
    private readonly T? _value;

    /// <summary>Creates a result: a value and no error, or an error and no value. For results that report more (see <c>SdJwtVcVerificationResult</c>).</summary>
    /// <param name="value">The verified value, on success.</param>
    /// <param name="error">The reason, on failure.</param>
    protected VerificationResult(T? value, VerificationError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary><see langword="true"/> when verification succeeded and <see cref="Value"/> is available.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    /// <summary>The error, or <see langword="null"/> on success.</summary>
    public VerificationError? Error { get; }

    /// <summary>The verified value.</summary>
    /// <exception cref="InvalidOperationException">The result is a failure; check <see cref="IsValid"/> first.</exception>
    public T Value => IsValid ? _value! : throw new InvalidOperationException("The result is a failure; check IsValid before reading Value.");

    /// <summary>Creates a successful result.</summary>
    /// <param name="value">The verified value.</param>
    public static VerificationResult<T> Success(T value) => new(value, null);

    /// <summary>Creates a failed result.</summary>
    /// <param name="error">The reason.</param>
    public static VerificationResult<T> Failure(VerificationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(default, error);
    }

    /// <summary>Returns the value, or throws <see cref="CredentialVerificationException"/> for callers that prefer exceptions.</summary>
    /// <exception cref="CredentialVerificationException">The result is a failure.</exception>
    public T GetValueOrThrow() => IsValid ? _value! : throw new CredentialVerificationException(Error);

    /// <summary>Gets the value when the result is a success.</summary>
    /// <param name="value">The value, when valid.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return IsValid;
    }

    /// <summary>Converts an error into a failed result.</summary>
    /// <param name="error">The error.</param>
    [SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "Failure(error) is the named alternate.")]
    public static implicit operator VerificationResult<T>(VerificationError error) => Failure(error);

    /// <summary>Converts a value into a successful result.</summary>
    /// <param name="value">The value.</param>
    [SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "Success(value) is the named alternate.")]
    public static implicit operator VerificationResult<T>(T value) => Success(value);

    /// <inheritdoc />
    public override string ToString() => IsValid ? $"Valid: {_value}" : $"Invalid: {Error}";
}
