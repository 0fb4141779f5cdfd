using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// An identifier of the recipient, plain or salted and hashed, for example a hashed email address (Open Badges 3.0
/// appendix B.1, IdentityObject and IdentityHash; verified as in section 9.3).
/// </summary>
/// <remarks>
/// An <c>IdentityHash</c> is <c>sha256$</c> or <c>md5$</c> followed by the hexadecimal hash (either case) of the
/// UTF-8 identifier with the salt appended. The specification defines no normalisation (such as lower-casing an email
/// address): the identifier is hashed exactly as given, so issuer and verifier must agree on its form.
/// </remarks>
public sealed class IdentityObject
{
    /// <summary>The <c>identityType</c> of an email address.</summary>
    public const string EmailAddress = "emailAddress";

    internal IdentityObject(JsonElement json)
    {
        Json = json;
        IdentityType = OpenBadgeJson.String(json, "identityType") ?? string.Empty;
        IdentityHash = OpenBadgeJson.String(json, "identityHash") ?? string.Empty;
        Hashed = OpenBadgeJson.Boolean(json, "hashed") ?? false;
        Salt = OpenBadgeJson.String(json, "salt");
    }

    /// <summary>The kind of identifier (<c>identityType</c>), for example <c>emailAddress</c> or an <c>ext:…</c> value.</summary>
    public string IdentityType { get; }

    /// <summary>The <c>identityHash</c>: an IdentityHash when <see cref="Hashed"/>, otherwise the plain value.</summary>
    public string IdentityHash { get; }

    /// <summary>Whether <see cref="IdentityHash"/> is hashed.</summary>
    public bool Hashed { get; }

    /// <summary>The salt appended before hashing, if any.</summary>
    public string? Salt { get; }

    /// <summary>The object as it appears in the document.</summary>
    public JsonElement Json { get; }

    /// <summary>
    /// Creates a salted SHA-256 identity for an email address: <c>identityHash</c> = <c>sha256$</c> + the lower-case hex
    /// SHA-256 of the UTF-8 bytes of <paramref name="email"/> followed by <paramref name="salt"/>.
    /// </summary>
    /// <param name="email">The email address, exactly as the verifier will know it.</param>
    /// <param name="salt">The salt; a fresh random one (128 bits, hex) when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="email"/> is null or empty, or <paramref name="salt"/> is empty.</exception>
    public static IdentityObject CreateHashedEmail(string email, string? salt = null) => CreateHashed(EmailAddress, email, salt);

    /// <summary>Creates a salted SHA-256 identity of any type (see <see cref="CreateHashedEmail"/>).</summary>
    /// <param name="identityType">The identity type, for example <c>emailAddress</c>, <c>studentId</c> as <c>ext:…</c>.</param>
    /// <param name="identifier">The plain identifier.</param>
    /// <param name="salt">The salt; a fresh random one (128 bits, hex) when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An argument is null or empty.</exception>
    public static IdentityObject CreateHashed(string identityType, string identifier, string? salt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(identityType);
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        if (salt is { Length: 0 })
        {
            throw new ArgumentException("The salt must not be empty.", nameof(salt));
        }

        salt ??= RandomNumberGenerator.GetHexString(32, lowercase: true);
        var hash = "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identifier + salt)));
        return Write(identityType, hash, hashed: true, salt);
    }

    /// <summary>Creates a plain (unhashed) identity; prefer a hashed one for personal data.</summary>
    /// <param name="identityType">The identity type.</param>
    /// <param name="identifier">The plain identifier.</param>
    /// <exception cref="ArgumentException">An argument is null or empty.</exception>
    public static IdentityObject CreatePlain(string identityType, string identifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(identityType);
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return Write(identityType, identifier, hashed: false, salt: null);
    }

    /// <summary>
    /// Whether a known identifier of <see cref="IdentityType"/> matches (section 9.3): hashed with the salt and
    /// compared in constant time when <see cref="Hashed"/> (SHA-256 or MD5), otherwise compared as is.
    /// </summary>
    /// <param name="knownIdentifier">The plain identifier the verifier knows, for example an email address.</param>
    /// <returns><see langword="true"/> when it matches; <see langword="false"/> otherwise, also for an unknown algorithm or malformed hash.</returns>
    public bool Matches(string knownIdentifier)
    {
        ArgumentNullException.ThrowIfNull(knownIdentifier);
        if (!Hashed)
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(knownIdentifier), Encoding.UTF8.GetBytes(IdentityHash));
        }

        var separator = IdentityHash.IndexOf('$', StringComparison.Ordinal);
        if (separator < 0)
        {
            return false;
        }

        var algorithm = IdentityHash.AsSpan(0, separator);
        var hex = IdentityHash.AsSpan(separator + 1);
        var expectedLength = algorithm.Equals("sha256", StringComparison.OrdinalIgnoreCase) ? 32
            : algorithm.Equals("md5", StringComparison.OrdinalIgnoreCase) ? 16
            : 0;
        if (expectedLength == 0 || hex.Length != expectedLength * 2)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        if (Convert.FromHexString(hex, expected[..expectedLength], out _, out var written) != System.Buffers.OperationStatus.Done || written != expectedLength)
        {
            return false;
        }

        var input = Encoding.UTF8.GetBytes(knownIdentifier + Salt);
        Span<byte> actual = stackalloc byte[32];
#pragma warning disable CA5351 // MD5 is one of the two algorithms the specification allows; it is only read, never written.
        var length = expectedLength == 32 ? SHA256.HashData(input, actual) : MD5.HashData(input, actual);
#pragma warning restore CA5351
        return CryptographicOperations.FixedTimeEquals(actual[..length], expected[..expectedLength]);
    }

    /// <summary>Whether a known identifier of the given type matches (section 9.3: another type never matches).</summary>
    /// <param name="identityType">The known identifier's type, for example <see cref="EmailAddress"/>.</param>
    /// <param name="knownIdentifier">The plain identifier.</param>
    public bool Matches(string identityType, string knownIdentifier)
    {
        ArgumentNullException.ThrowIfNull(identityType);
        return string.Equals(identityType, IdentityType, StringComparison.Ordinal) && Matches(knownIdentifier);
    }

    private static IdentityObject Write(string identityType, string identityHash, bool hashed, string? salt)
        => new(OpenBadgeWriter.Element(w =>
        {
            w.WriteString("type", "IdentityObject");
            w.WriteString("identityHash", identityHash);
            w.WriteString("identityType", identityType);
            w.WriteBoolean("hashed", hashed);
            OpenBadgeWriter.Optional(w, "salt", salt);
        }));
}
