using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Keys;
using Credentials.OAuth;

namespace Credentials.Samples.Issuer;

/// <summary>
/// <c>serve --wallet-provider-trust FILE</c>: the wallet providers whose wallet attestations the issuer accepts, each a
/// public JWK file (the provider's attestation signing key) or a PEM file of CA certificates (trust anchors for an
/// attestation's <c>x5c</c>, HAIP 1.0 section 4.4.1).
/// </summary>
internal static class WalletProviderTrust
{
    public static ClientAttestationValidatorOptions Load(IReadOnlyList<string> paths, TimeProvider timeProvider)
    {
        var keys = new List<Jwk>();
        var anchors = new List<X509Certificate2>();
        foreach (var path in paths)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new CliException(CliErrors.FileNotFound(path, "wallet provider trust"), ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException(CliErrors.FileUnreadable(path, "wallet provider trust", CliErrors.Reason(ex)), ex);
            }

            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                var collection = new X509Certificate2Collection();
                try
                {
                    collection.ImportFromPem(text);
                }
                catch (CryptographicException ex)
                {
                    throw new CliException(CliErrors.InvalidOption("--wallet-provider-trust", $"'{path}' is not a PEM certificate file: {CliErrors.Reason(ex)}"), ex);
                }

                anchors.AddRange(collection);
                continue;
            }

            var jwk = Jwk.ReadPublic(text);
            if (!jwk.IsValid)
            {
                throw new CliException(CliErrors.InvalidOption("--wallet-provider-trust", $"'{path}' is neither a public JWK nor a PEM certificate file ({jwk.Error.Code.Value}).", "Give the wallet provider's public JWK or its CA certificate (PEM)."));
            }

            keys.Add(jwk.Value);
        }

        return new ClientAttestationValidatorOptions { TrustedProviderKeys = keys, TrustAnchors = anchors, TimeProvider = timeProvider };
    }
}
