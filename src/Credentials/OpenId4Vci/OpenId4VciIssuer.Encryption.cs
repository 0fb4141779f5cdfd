using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.OpenId4Vci;

/// <content>Encrypted (Deferred) Credential Requests and Responses (OpenID4VCI 1.0 sections 8.2, 9 and 10).</content>
public sealed partial class OpenId4VciIssuer
{
    private Dictionary<string, JweDecrypter>? _requestDecrypters;

    private static void ValidateEncryption(IssuerEncryptionOptions? e)
    {
        if (e is null)
        {
            return;
        }

        if (e.ResponseEncryptions is not { Count: > 0 } || e.RequestEncryptions is not { Count: > 0 } || e.RequestDecryptionKeys is null
            || e.ResponseEncryptions.Any(x => x is null || !JweEncryption.All.Contains(x)) || e.RequestEncryptions.Any(x => x is null))
        {
            throw new InvalidOperationException("IssuerEncryptionOptions needs non-empty ResponseEncryptions and RequestEncryptions and a RequestDecryptionKeys list.");
        }

        var kids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in e.RequestDecryptionKeys)
        {
            // Section 12.2.4: each key of credential_request_encryption.jwks has a unique kid.
            if (key is null || key.PublicJwk.Kty != JwkKeyTypes.EC || key.PublicJwk.Kid is not { Length: > 0 } kid || !kids.Add(kid))
            {
                throw new InvalidOperationException("Each IssuerEncryptionOptions.RequestDecryptionKeys entry must be an EC key with a unique key id.");
            }
        }

        if (e.RequestEncryptionRequired && e.RequestDecryptionKeys.Count == 0)
        {
            throw new InvalidOperationException("IssuerEncryptionOptions.RequestEncryptionRequired needs RequestDecryptionKeys.");
        }
    }

    private Dictionary<string, JweDecrypter>? CreateRequestDecrypters()
    {
        if (_options.Encryption is not { RequestDecryptionKeys.Count: > 0 } e)
        {
            return null;
        }

        var options = new JweDecrypterOptions { AllowedEncryptions = e.RequestEncryptions, MaxTokenLength = (CredentialRequest.MaxLength * 4 / 3) + 4096 };
        return e.RequestDecryptionKeys.ToDictionary(k => k.PublicJwk.Kid!, k => new JweDecrypter(k, options), StringComparer.Ordinal);
    }

    private void AddEncryptionMetadata(ref CredentialIssuerMetadata metadata)
    {
        if (_options.Encryption is not { } e)
        {
            return;
        }

        metadata = metadata with
        {
            CredentialResponseEncryption = new CredentialResponseEncryptionMetadata
            {
                AlgValuesSupported = [JweAlgorithm.EcdhEs.Name],
                EncValuesSupported = [.. e.ResponseEncryptions.Select(x => x.Name)],
                EncryptionRequired = e.ResponseEncryptionRequired,
            },
            CredentialRequestEncryption = e.RequestDecryptionKeys.Count == 0 ? null : new CredentialRequestEncryptionMetadata
            {
                Keys = [.. e.RequestDecryptionKeys.Select(k => k.PublicJwk with { Alg = JweAlgorithm.EcdhEs.Name, Use = "enc" })],
                EncValuesSupported = [.. e.RequestEncryptions.Select(x => x.Name)],
                EncryptionRequired = e.RequestEncryptionRequired,
            },
        };
    }

    /// <summary>
    /// The JSON of a (Deferred) Credential Request: the body itself when it is a JSON object, the decrypted JWE when it
    /// is an <c>application/jwt</c> compact JWE (section 10). <paramref name="encrypted"/> tells which.
    /// </summary>
    private VerificationResult<ReadOnlyMemory<byte>> ReadRequestBody(ReadOnlyMemory<byte> body, out bool encrypted)
    {
        encrypted = false;
        var span = body.Span;
        var first = 0;
        while (first < span.Length && span[first] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            first++;
        }

        // A JSON request is an object; a compact JWE never starts with '{'.
        if (first < span.Length && span[first] == (byte)'{')
        {
            // Sections 8.2 / 9.1: a Wallet MUST encrypt when encryption_required is true; a plain request is refused.
            return _options.Encryption is { RequestEncryptionRequired: true }
                ? new VerificationError(OpenId4VciErrors.InvalidEncryptionParameters, "This issuer requires encrypted requests (application/jwt).")
                : body;
        }

        encrypted = true;
        if (_requestDecrypters is null)
        {
            return new VerificationError(OpenId4VciErrors.InvalidCredentialRequest, "The request is not a JSON object, and this issuer does not accept encrypted requests.");
        }

        if (body.Length > (CredentialRequest.MaxLength * 4 / 3) + 4096)
        {
            return new VerificationError(OpenId4VciErrors.InvalidCredentialRequest, "The encrypted request is too large.");
        }

        var compact = Encoding.ASCII.GetString(body.Span).Trim();

        // Section 10: the key is the one of the JWE's kid; with a single key, a JWE without kid is tried with it.
        var decrypter = SelectDecrypter(compact);
        if (decrypter is null)
        {
            return new VerificationError(OpenId4VciErrors.InvalidEncryptionParameters, "The encrypted request names no key of this issuer.");
        }

        var decrypted = decrypter.Decrypt(compact);
        if (!decrypted.IsValid)
        {
            return new VerificationError(OpenId4VciErrors.InvalidEncryptionParameters, "The encrypted request could not be decrypted.") { Inner = decrypted.Error };
        }

        return decrypted.Value.Plaintext;
    }

    private JweDecrypter? SelectDecrypter(string compact)
    {
        var dot = compact.IndexOf('.', StringComparison.Ordinal);
        var header = dot > 0 ? StrictBase64Url.TryDecode(compact.AsSpan(0, dot)) : null;
        string? kid = null;
        if (header is not null && SafeJson.TryParseElement(header, out var element) && element.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            element.TryGetString("kid", out kid);
        }

        if (kid is not null)
        {
            return _requestDecrypters!.GetValueOrDefault(kid);
        }

        return _requestDecrypters!.Count == 1 ? _requestDecrypters.Values.First() : null;
    }

    /// <summary>
    /// Checks the Wallet's <c>credential_response_encryption</c> against this issuer's support before anything is
    /// consumed: section 8.3.1.2 <c>invalid_encryption_parameters</c> when invalid, unsupported, or missing while required.
    /// </summary>
    private VerificationResult<ResponseEncryptionPlan?> CheckResponseEncryption(CredentialResponseEncryption? parameters, bool requestEncrypted)
    {
        if (parameters is null)
        {
            return _options.Encryption is { ResponseEncryptionRequired: true }
                ? new VerificationError(OpenId4VciErrors.InvalidEncryptionParameters, "This issuer requires encrypted responses: send credential_response_encryption.")
                : VerificationResult<ResponseEncryptionPlan?>.Success(null);
        }

        if (_options.Encryption is not { } e)
        {
            return new VerificationError(OpenId4VciErrors.InvalidEncryptionParameters, "This issuer does not encrypt responses.");
        }

        // Section 8.2: the request carrying the Wallet's key MUST be encrypted, so that the key cannot be substituted;
        // enforced whenever this issuer offers request encryption.
        if (_requestDecrypters is not null && !requestEncrypted)
        {
            return new VerificationError(OpenId4VciErrors.InvalidEncryptionParameters, "A request asking for an encrypted response must itself be encrypted.");
        }

        // Section 10: the JWK's alg MUST be present and is the JWE alg; only ECDH-ES with EC keys is supported.
        var jwk = parameters.Jwk;
        if (jwk.Alg != JweAlgorithm.EcdhEs.Name || jwk.Kty != JwkKeyTypes.EC || (jwk.Use is not null && jwk.Use != "enc"))
        {
            return new VerificationError(OpenId4VciErrors.InvalidEncryptionParameters, "credential_response_encryption.jwk must be an EC key with alg ECDH-ES.");
        }

        if (!JweEncryption.TryGet(parameters.Enc, out var enc) || !e.ResponseEncryptions.Contains(enc))
        {
            return new VerificationError(OpenId4VciErrors.InvalidEncryptionParameters, "credential_response_encryption.enc is not supported.");
        }

        // Section 12.2.4: no zip_values_supported, so compression is not supported.
        if (parameters.Zip is not null)
        {
            return new VerificationError(OpenId4VciErrors.InvalidEncryptionParameters, "Compressed responses are not supported.");
        }

        // The point must be on its curve now, so that encrypting the response cannot fail after the commit.
        if (!KeyAgreementKey.TryImportEcPublic(jwk, jwk.Crv, out var imported))
        {
            return new VerificationError(OpenId4VciErrors.InvalidEncryptionParameters, "credential_response_encryption.jwk is not a valid EC public key on P-256, P-384 or P-521.");
        }

        imported.Dispose();
        return new ResponseEncryptionPlan(jwk, enc);
    }

    /// <summary>A success response, as a JWE to the Wallet's key when it asked for one (section 10: whatever the content).</summary>
    private static IssuerEndpointResult Respond(int status, string json, ResponseEncryptionPlan? plan)
    {
        if (plan is null)
        {
            return new IssuerEndpointResult { StatusCode = status, Body = json };
        }

        // Section 10: the JWE's kid is the key's kid, when it has one.
        var jwe = JweEncrypter.Encrypt(Encoding.UTF8.GetBytes(json), plan.Key, plan.Encryption, new JweHeaderOptions { KeyId = plan.Key.Kid });
        return new IssuerEndpointResult { StatusCode = status, Body = jwe, ContentType = IssuerEndpointResult.JwtContentType };
    }

    private sealed record ResponseEncryptionPlan(Jwk Key, JweEncryption Encryption);
}
