using System;
using System.Text;

namespace Credentials.OpenId4Vci;

/// <summary>
/// An OAuth-style error body (<c>{"error": …, "error_description": …}</c>) as returned by the token endpoint
/// (RFC 6749 section 5.2) and the Credential Endpoint (OpenID4VCI 1.0 section 8.3.1).
/// </summary>
public sealed record ProtocolErrorResponse
{
    /// <summary>The error code, for example <c>invalid_proof</c>.</summary>
    public required string Error { get; init; }

    /// <summary>A human-readable ASCII description, if any.</summary>
    public string? ErrorDescription { get; init; }

    /// <summary>The library code of <see cref="Error"/>, or <see langword="null"/> for an error this library does not define.</summary>
    public ErrorCode? Code => OpenId4VciErrors.FromProtocolError(Error);

    /// <summary>Creates the body for a library error code that has a protocol error.</summary>
    /// <param name="code">A protocol code such as <see cref="OpenId4VciErrors.InvalidProof"/>.</param>
    /// <param name="description">A description; characters outside the allowed ASCII set are replaced.</param>
    /// <returns>The body.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> has no protocol error.</exception>
    public static ProtocolErrorResponse From(ErrorCode code, string? description = null)
    {
        var error = OpenId4VciErrors.ToProtocolError(code) ?? throw new ArgumentException($"'{code}' is not a protocol error code.", nameof(code));
        return new ProtocolErrorResponse { Error = error, ErrorDescription = description is null ? null : Sanitize(description) };
    }

    /// <summary>Serializes the body.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => OpenId4VciJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("error", Error);
        if (ErrorDescription is not null)
        {
            w.WriteString("error_description", Sanitize(ErrorDescription));
        }

        w.WriteEndObject();
    });

    /// <summary>Reads an error body from untrusted input; <see langword="null"/> when it is not one.</summary>
    /// <param name="utf8">The response body.</param>
    /// <returns>The error, or <see langword="null"/>.</returns>
    public static ProtocolErrorResponse? TryParse(ReadOnlyMemory<byte> utf8)
    {
        if (OpenId4VciJson.ParseObject(utf8) is not { } root
            || !OpenId4VciJson.TryRequiredString(root, "error", out var error)
            || !OpenId4VciJson.TryOptionalString(root, "error_description", out var description))
        {
            return null;
        }

        return new ProtocolErrorResponse { Error = error, ErrorDescription = description };
    }

    // OpenID4VCI 1.0 section 8.3.1.2 / RFC 6749 section 5.2: %x20-21 / %x23-5B / %x5D-7E only.
    private static string Sanitize(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '?');
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Error;
}
