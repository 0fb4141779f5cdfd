using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.Pkcs11;

namespace Credentials.Samples.Issuer;

/// <summary>
/// The issuer's signing key and identifier. <c>--key</c> is a private JWK file or a <c>pkcs11:</c> URI (RFC 7512) of a
/// key inside a PKCS#11 token, whose PIN comes from the URI's <c>pin-source</c> file or the environment variable
/// <see cref="PinEnvironmentVariable"/> (never from the command line), and whose module is the URI's
/// <c>module-path</c> or <see cref="ModuleEnvironmentVariable"/>.
/// Without <c>--issuer</c> the issuer is the key's did:key and the JWS <c>kid</c> is its verification method, so any
/// verifier can resolve the key from the credential alone. With a did:key or did:jwk <c>--issuer</c>, the DID must be
/// the key's. With another identifier (an https URL for JWT VC Issuer Metadata or a trust list), the JWK's own
/// <c>kid</c> (or its thumbprint) is used.
/// </summary>
internal sealed class IssuerIdentity
{
    /// <summary>The environment variable holding the token PIN when the URI has no <c>pin-source</c>.</summary>
    public const string PinEnvironmentVariable = "CREDENTIALS_PKCS11_PIN";

    /// <summary>The environment variable naming the PKCS#11 module when the URI has no <c>module-path</c>.</summary>
    public const string ModuleEnvironmentVariable = "CREDENTIALS_PKCS11_MODULE";

    private readonly Jwk? _privateJwk;
    private readonly Pkcs11Uri? _tokenKey;

    private IssuerIdentity(Jwk? privateJwk, Pkcs11Uri? tokenKey, Jwk publicJwk, string issuer, JwsAlgorithm algorithm)
    {
        Algorithm = algorithm;
        _privateJwk = privateJwk;
        _tokenKey = tokenKey;
        PublicJwk = publicJwk;
        Issuer = issuer;
    }

    /// <summary>The key's signing algorithm.</summary>
    public JwsAlgorithm Algorithm { get; }

    /// <summary>The issuer identifier.</summary>
    public string Issuer { get; }

    /// <summary>The public key, its <c>kid</c> the one the JWS headers carry.</summary>
    public Jwk PublicJwk { get; }

    /// <summary>Whether the key lives in a PKCS#11 token.</summary>
    public bool IsPkcs11 => _tokenKey is not null;

    /// <summary>The private JWK of a key file; a token key has none (badges and Data Integrity need a key file).</summary>
    public Jwk PrivateJwk => _privateJwk ?? throw new CliException(new CliError(
        IssuerErrors.KeyFileRequired,
        "This command needs the private key as a JWK file; a key inside a PKCS#11 token cannot be exported.",
        "Pass --key with a JWK file from 'issuer keys create --out'.",
        ExitCodes.Usage));

    public static IssuerIdentity Load(string keyPath, string? issuer, string option = "--issuer")
    {
        Jwk? privateJwk = null;
        Pkcs11Uri? tokenKey = null;
        Jwk publicJwk;
        JwsAlgorithm algorithm;
        if (Pkcs11Uri.IsPkcs11Uri(keyPath))
        {
            tokenKey = ParseUri(keyPath);
            using var token = OpenToken(tokenKey);
            var signer = GetSigner(token, tokenKey);
            publicJwk = signer.PublicJwk;
            algorithm = signer.Algorithm;
        }
        else
        {
            using var key = JwkFile.ReadSigningKey(keyPath);
            privateJwk = key.ExportPrivateJwk();
            publicJwk = key.PublicJwk with { Kid = privateJwk.Kid };
            algorithm = key.Algorithm;
        }

        var (kid, issuerId) = Identify(publicJwk, keyPath, issuer, option);
        return new IssuerIdentity(privateJwk is null ? null : privateJwk with { Kid = kid }, tokenKey, publicJwk with { Kid = kid }, issuerId, algorithm);
    }

    /// <summary>A software signing key (key files only; badges and Data Integrity proofs need one).</summary>
    public SigningKey CreateSigningKey() => SigningKey.FromJwk(PrivateJwk);

    /// <summary>A signer for either source; dispose it when done (a token signer closes its token sessions).</summary>
    public IssuerSigner CreateSigner() => CreateSigner(PublicJwk.Kid);

    /// <summary>A signer for either source whose JWS <c>kid</c> is <paramref name="keyId"/> (a verification method, for example).</summary>
    /// <param name="keyId">The key id the signer reports.</param>
    public IssuerSigner CreateSigner(string? keyId)
    {
        if (_tokenKey is null)
        {
            return new IssuerSigner(SigningKey.FromJwk(PrivateJwk with { Kid = keyId }), null);
        }

        var token = OpenToken(_tokenKey);
        try
        {
            return new IssuerSigner(GetSigner(token, _tokenKey).WithKeyId(keyId), token);
        }
        catch
        {
            token.Dispose();
            throw;
        }
    }

    /// <summary>Opens the token a <c>pkcs11:</c> URI names, with the sample's PIN and module environment variables.</summary>
    /// <param name="uri">The URI.</param>
    public static Pkcs11Token OpenToken(Pkcs11Uri uri)
    {
        try
        {
            return Pkcs11Token.Open(uri, new Pkcs11TokenOptions
            {
                PinEnvironmentVariable = PinEnvironmentVariable,
                ModulePath = Environment.GetEnvironmentVariable(ModuleEnvironmentVariable),
            });
        }
        catch (Pkcs11Exception e)
        {
            throw new CliException(ToError(e));
        }
    }

    /// <summary>Parses a <c>pkcs11:</c> URI given on the command line.</summary>
    /// <param name="text">The URI.</param>
    public static Pkcs11Uri ParseUri(string text)
    {
        if (!Pkcs11Uri.TryParse(text, out var uri))
        {
            throw new CliException(CliErrors.InvalidOption("--key", "It is not a valid PKCS#11 URI (RFC 7512).", "For example pkcs11:token=issuer;object=exam-2026;type=private?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/run/secrets/pin"));
        }

        return uri;
    }

    /// <summary>The CLI error for a PKCS#11 failure: its stable code, and a hint for the PIN.</summary>
    /// <param name="e">The failure.</param>
    public static CliError ToError(Pkcs11Exception e)
        => new(e.Code, e.Message, e.Code is Pkcs11ErrorCodes.PinMissing or Pkcs11ErrorCodes.PinValueRefused
            ? $"Put the PIN in a file named by pin-source=file:/path in the URI, or in the environment variable {PinEnvironmentVariable}."
            : null, ExitCodes.InputError);

    /// <summary>The signer of the key a <c>pkcs11:</c> URI names in an open token; a PKCS#11 failure is a CLI error.</summary>
    /// <param name="token">The open token.</param>
    /// <param name="uri">The key's URI.</param>
    internal static Pkcs11Signer GetSigner(Pkcs11Token token, Pkcs11Uri uri)
    {
        try
        {
            return token.GetSigner(uri);
        }
        catch (Pkcs11Exception e)
        {
            throw new CliException(ToError(e));
        }
    }

    private static (string Kid, string Issuer) Identify(Jwk publicJwk, string keyPath, string? issuer, string option)
    {
        if (string.IsNullOrWhiteSpace(issuer))
        {
            var did = DidKey.Create(publicJwk with { Kid = null });
            return (DidKey.GetKeyId(did).ToString(), did.ToString());
        }

        if (issuer.StartsWith("did:key:", StringComparison.Ordinal) || issuer.StartsWith("did:jwk:", StringComparison.Ordinal))
        {
            if (!Did.TryParse(issuer, out var did))
            {
                throw new CliException(CliErrors.InvalidOption(option, $"'{issuer}' is not a DID."));
            }

            var isKey = did.Method == "key";
            var published = isKey ? DidKey.GetPublicKey(did) : DidJwk.GetPublicKey(did);
            if (!published.IsValid || published.Value.ComputeThumbprint() != publicJwk.ComputeThumbprint())
            {
                throw new CliException(new CliError(IssuerErrors.KeyMismatch, $"The DID '{issuer}' is not the DID of the key in '{keyPath}'.", "Leave out --issuer to use the key's did:key, or run 'issuer did --key FILE' to print the right DID.", ExitCodes.Usage));
            }

            var kid = isKey ? DidKey.GetKeyId(did) : DidJwk.GetKeyId(did);
            return (kid.ToString(), issuer);
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

        return (publicJwk.Kid ?? publicJwk.ComputeThumbprint(), issuer);
    }
}
