using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Keys;

namespace Credentials.Samples.Issuer;

/// <summary>
/// <c>keys create --cert-out --ca-cert CA.pem --ca-key KEY</c>: the issuer's own CA that signs the issuer certificate.
/// <c>--ca-cert</c> holds the CA certificate first, then (optionally) the certificates above it up to the root;
/// <c>--ca-key</c> is its private key as a JWK file, a PEM file (PKCS#8 or SEC 1) or a <c>pkcs11:</c> URI of a key
/// inside a token. The CA certificate must be a CA (RFC 5280 section 4.2.1.9 basicConstraints cA, and keyCertSign in
/// its keyUsage when it has one) with a P-256 or P-384 key, and the key must be that certificate's.
/// </summary>
internal sealed class IssuerCa : IDisposable
{
    private readonly List<IDisposable> _owned;

    private IssuerCa(X509Certificate2Collection certificates, IPublicKeySigner signer, List<IDisposable> owned)
    {
        Certificates = certificates;
        Signer = signer;
        _owned = owned;
    }

    /// <summary>The CA certificate, then the certificates above it (as given).</summary>
    public X509Certificate2Collection Certificates { get; }

    /// <summary>The CA certificate.</summary>
    public X509Certificate2 Certificate => Certificates[0];

    /// <summary>The CA's signer (ES256 or ES384).</summary>
    public IPublicKeySigner Signer { get; }

    /// <summary>Reads and checks the CA certificate and key; every refusal is a typed <see cref="CliException"/>.</summary>
    public static IssuerCa Load(string certPath, string keyReference)
    {
        var certificates = ReadCertificates(certPath);
        var owned = new List<IDisposable>();
        try
        {
            var ca = certificates[0];
            var basic = ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            var usage = ca.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
            if (basic is not { CertificateAuthority: true } || (usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign)))
            {
                throw new CliException(new CliError(IssuerErrors.NotACa, $"'{certPath}' is not a CA certificate (basicConstraints cA with keyCertSign): it cannot sign the issuer certificate.", "Pass your CA's certificate with --ca-cert, or leave out --ca-cert and --ca-key to make a throw-away sample root.", ExitCodes.InputError));
            }

            var caJwk = CertificateJwk(ca);
            if (caJwk is null || caJwk.Kty != JwkKeyTypes.EC || (caJwk.Crv != JwkCurves.P256 && caJwk.Crv != JwkCurves.P384))
            {
                throw new CliException(new CliError(IssuerErrors.NotACa, $"'{certPath}' is not a P-256 or P-384 ECDSA CA certificate; the sample signs issuer certificates with ECDSA only.", "Use an ECDSA CA (RSA is left out by design, see docs/keys.md).", ExitCodes.InputError));
            }

            var signer = OpenKey(keyReference, owned);
            if (signer.PublicJwk.ComputeThumbprint() != caJwk.ComputeThumbprint())
            {
                throw new CliException(new CliError(IssuerErrors.CaKeyMismatch, $"The key given with --ca-key is not the key of the CA certificate '{certPath}'.", "Pass the private key that belongs to --ca-cert.", ExitCodes.Usage));
            }

            return new IssuerCa(certificates, signer, owned);
        }
        catch
        {
            owned.ForEach(o => o.Dispose());
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }

            throw;
        }
    }

    /// <summary>A signature generator that signs with the CA's key (in a file or a token): DER ECDSA signatures (RFC 5758 section 3.2).</summary>
    public X509SignatureGenerator CreateGenerator() => new SignerSignatureGenerator(Signer);

    /// <summary>The hash the CA signs with: SHA-256 for a P-256 key, SHA-384 for a P-384 key.</summary>
    public HashAlgorithmName Hash => Signer.Algorithm == JwsAlgorithm.Es384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;

    public void Dispose()
    {
        _owned.ForEach(o => o.Dispose());
        foreach (var certificate in Certificates)
        {
            certificate.Dispose();
        }
    }

    /// <summary>A <c>pkcs11:</c> URI or a JWK file (as key sets take them), or a PEM private key file.</summary>
    private static IPublicKeySigner OpenKey(string reference, List<IDisposable> owned)
    {
        if (KeySetKeys.IsToken(reference))
        {
            return KeySetKeys.Open(reference, owned);
        }

        var text = CliFiles.ReadAllText(reference, "CA private key");
        if (!text.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            return KeySetKeys.Open(reference, owned);
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(text);
            var signer = new EcdsaSigner(ecdsa);
            owned.Add(signer);
            return signer;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            // The reason only: never the file's content.
            throw new CliException(CliErrors.InvalidOption("--ca-key", $"'{reference}' is not an unencrypted PEM ECDSA private key (PKCS#8 or SEC 1).", "Pass the CA's private key as PEM, a private JWK file or a pkcs11: URI."), ex);
        }
    }

    private static X509Certificate2Collection ReadCertificates(string path)
    {
        var text = CliFiles.ReadAllText(path, "CA certificate");
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(text);
        }
        catch (CryptographicException ex)
        {
            throw new CliException(new CliError(IacaErrors.InvalidCertificate, $"'{path}' is not a PEM certificate file: {CliErrors.Reason(ex)}", "Pass the CA certificate as PEM (-----BEGIN CERTIFICATE-----).", ExitCodes.InputError), ex);
        }

        if (certificates.Count == 0)
        {
            throw new CliException(new CliError(IacaErrors.InvalidCertificate, $"'{path}' holds no PEM certificate.", "Pass the CA certificate as PEM (-----BEGIN CERTIFICATE-----).", ExitCodes.InputError));
        }

        return certificates;
    }

    private static Jwk? CertificateJwk(X509Certificate2 certificate)
    {
        try
        {
            return PublicKeyInfo.ToJwk(certificate.PublicKey.ExportSubjectPublicKeyInfo());
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Signs certificates with an <see cref="ISigner"/> (JOSE r‖s turned into the DER SEQUENCE X.509 expects).</summary>
    private sealed class SignerSignatureGenerator(IPublicKeySigner signer) : X509SignatureGenerator
    {
        // AlgorithmIdentifier SEQUENCE { ecdsa-with-SHA256 | ecdsa-with-SHA384 } without parameters (RFC 5758 section 3.2).
        private static readonly byte[] s_ecdsaSha256 = [0x30, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02];
        private static readonly byte[] s_ecdsaSha384 = [0x30, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x03];

        public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm)
            => RequireHash(hashAlgorithm) == HashAlgorithmName.SHA384 ? s_ecdsaSha384 : s_ecdsaSha256;

        public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm)
        {
            RequireHash(hashAlgorithm);
            // A command-line tool, one signature: waiting on the signer here is fine.
            var jose = signer.SignAsync(data).AsTask().GetAwaiter().GetResult();
            return EcdsaSignatureEncoding.JoseToDer(jose);
        }

        protected override PublicKey BuildPublicKey()
            => PublicKey.CreateFromSubjectPublicKeyInfo(PublicKeyInfo.FromJwk(signer.PublicJwk), out _);

        private HashAlgorithmName RequireHash(HashAlgorithmName hashAlgorithm)
        {
            var expected = signer.Algorithm == JwsAlgorithm.Es384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
            if (hashAlgorithm != expected || (signer.Algorithm != JwsAlgorithm.Es256 && signer.Algorithm != JwsAlgorithm.Es384))
            {
                throw new CryptographicException($"The CA key signs with {signer.Algorithm.Name}, not with {hashAlgorithm.Name}.");
            }

            return expected;
        }
    }
}
