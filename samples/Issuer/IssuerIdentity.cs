using System;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;

namespace Credentials.Samples.Issuer;

/// <summary>
/// The issuer's signing key and identifier. Without <c>--issuer</c> the issuer is the key's did:key and the JWS
/// <c>kid</c> is its verification method, so any verifier can resolve the key from the credential alone. With a
/// did:key or did:jwk <c>--issuer</c>, the DID must be the key's. With another identifier (an https URL for JWT VC
/// Issuer Metadata or a trust list), the JWK's own <c>kid</c> (or its thumbprint) is used.
/// </summary>
internal sealed record IssuerIdentity(Jwk PrivateJwk, string Issuer)
{
    public static IssuerIdentity Load(string keyPath, string? issuer, string option = "--issuer")
    {
        using var key = JwkFile.ReadSigningKey(keyPath);
        var jwk = key.ExportPrivateJwk();
        if (string.IsNullOrWhiteSpace(issuer))
        {
            var did = DidKey.Create(key.PublicJwk);
            return new IssuerIdentity(jwk with { Kid = DidKey.GetKeyId(did).ToString() }, did.ToString());
        }

        if (issuer.StartsWith("did:key:", StringComparison.Ordinal) || issuer.StartsWith("did:jwk:", StringComparison.Ordinal))
        {
            if (!Did.TryParse(issuer, out var did))
            {
                throw new CliException(CliErrors.InvalidOption(option, $"'{issuer}' is not a DID."));
            }

            var isKey = did.Method == "key";
            var published = isKey ? DidKey.GetPublicKey(did) : DidJwk.GetPublicKey(did);
            if (!published.IsValid || published.Value.ComputeThumbprint() != key.PublicJwk.ComputeThumbprint())
            {
                throw new CliException(new CliError(IssuerErrors.KeyMismatch, $"The DID '{issuer}' is not the DID of the key in '{keyPath}'.", "Leave out --issuer to use the key's did:key, or run 'issuer did --key FILE' to print the right DID.", ExitCodes.Usage));
            }

            var kid = isKey ? DidKey.GetKeyId(did) : DidJwk.GetKeyId(did);
            return new IssuerIdentity(jwk with { Kid = kid.ToString() }, issuer);
        }

        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri))
        {
            throw new CliException(CliErrors.InvalidOption(option, $"'{issuer}' is not a URI.", "Use an https URL or a DID, or leave it out to use the key's did:key."));
        }

        // An issuer identifier is an https URL (verifiers fetch its metadata over https); plain http is accepted only on
        // this machine, for samples, as 'issuer serve' does.
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            throw new CliException(CliErrors.InvalidOption(option, $"'{issuer}' is http, which is accepted only for this machine (127.0.0.1, ::1, localhost); nothing was issued.", "Use the issuer's https URL, a DID, or leave it out to use the key's did:key."));
        }

        if (uri.Scheme is not ("https" or "http" or "did"))
        {
            throw new CliException(CliErrors.InvalidOption(option, $"'{issuer}' is neither an https URL nor a DID.", "Use the issuer's https URL, a DID, or leave it out to use the key's did:key."));
        }

        return new IssuerIdentity(jwk with { Kid = jwk.Kid ?? key.PublicJwk.ComputeThumbprint() }, issuer);
    }

    public SigningKey CreateSigningKey() => SigningKey.FromJwk(PrivateJwk);
}
