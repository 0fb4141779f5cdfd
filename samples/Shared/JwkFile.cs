using System;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.Samples;

/// <summary>
/// Keys exchanged between the sample apps as JWK files (RFC 7517): a private JWK stays with its owner, a public JWK
/// is what others are given. Every failure is a <see cref="CliException"/> naming the file.
/// </summary>
public static class JwkFile
{
    /// <summary>Reads a JWK (public or private) from <paramref name="path"/>.</summary>
    public static Jwk Read(string path, string what = "JWK")
    {
        var text = CliFiles.ReadAllText(path, what);
        var result = Jwk.Read(text);
        if (!result.IsValid)
        {
            throw new CliException(CliErrors.MalformedJwk(path, result.Error.Message));
        }

        return result.Value;
    }

    /// <summary>Reads a private JWK and makes a signing key of it (the algorithm follows the curve).</summary>
    public static SigningKey ReadSigningKey(string path)
    {
        var jwk = Read(path, "private key");
        if (!jwk.HasPrivateKey)
        {
            throw new CliException(CliErrors.PrivateKeyRequired(path));
        }

        try
        {
            return SigningKey.FromJwk(jwk);
        }
        catch (Exception ex) when (ex is ArgumentException or PlatformNotSupportedException)
        {
            throw new CliException(CliErrors.MalformedJwk(path, CliErrors.Reason(ex)), ex);
        }
    }

    /// <summary>Reads a public JWK; a private one is refused (it should not have been shared).</summary>
    public static Jwk ReadPublic(string path, string what = "public key")
    {
        var jwk = Read(path, what);
        if (jwk.HasPrivateKey)
        {
            throw new CliException(CliErrors.PublicKeyExpected(path));
        }

        try
        {
            _ = VerificationKey.Create(jwk);
        }
        catch (Exception ex) when (ex is ArgumentException or PlatformNotSupportedException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliException(CliErrors.MalformedJwk(path, CliErrors.Reason(ex)), ex);
        }

        return jwk;
    }

    /// <summary>Writes a private JWK readable only by the current user; refuses to overwrite unless <paramref name="force"/>.</summary>
    public static void WritePrivate(string path, Jwk privateJwk, bool force)
    {
        ArgumentNullException.ThrowIfNull(privateJwk);
        CliFiles.WriteSecret(path, privateJwk.ToJson(), force);
    }

    /// <summary>Writes the public part of <paramref name="jwk"/>; refuses to overwrite unless <paramref name="force"/>.</summary>
    public static void WritePublic(string path, Jwk jwk, bool force)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        CliFiles.WriteAllText(path, jwk.ToPublic().ToJson(), force);
    }

    /// <summary>Parses an algorithm name given on the command line (<c>EdDSA</c>, <c>ES256</c>, <c>ES384</c>; case-insensitive).</summary>
    public static JwsAlgorithm ParseAlgorithm(string? name, string option = "--alg")
    {
        foreach (var algorithm in new[] { JwsAlgorithm.EdDsa, JwsAlgorithm.Es256, JwsAlgorithm.Es384 })
        {
            if (string.Equals(algorithm.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return algorithm;
            }
        }

        throw new CliException(CliErrors.InvalidOption(option, $"'{name}' is not a supported algorithm.", "Use EdDSA, ES256 or ES384."));
    }
}
