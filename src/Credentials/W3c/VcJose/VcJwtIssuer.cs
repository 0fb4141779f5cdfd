using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;

namespace Credentials.W3c.VcJose;

/// <summary>
/// Secures W3C credentials as <c>application/vc+jwt</c> (VC-JOSE-COSE section 3.1.1): a compact JWS whose payload is
/// the credential itself (no <c>vc</c> wrapper), with <c>typ</c> <c>vc+jwt</c> and the signer's <c>kid</c>.
/// Refuses (with <see cref="ArgumentException"/>) a credential its verifier would refuse. Stateless and thread-safe.
/// </summary>
public sealed class VcJwtIssuer
{
    private readonly ISigner _signer;
    private readonly VcJwtIssuerOptions _options;

    /// <summary>Creates an issuer.</summary>
    /// <param name="signer">The issuer's signer; its <see cref="ISigner.KeyId"/> becomes the <c>kid</c>.</param>
    /// <param name="options">Options; the defaults add no JWT claims.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public VcJwtIssuer(ISigner signer, VcJwtIssuerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        options ??= new VcJwtIssuerOptions();
        options.Validate(nameof(options));
        _signer = signer;
        _options = options;
    }

    /// <summary>Signs a credential.</summary>
    /// <param name="credential">The credential (built with <see cref="W3cCredentialBuilder"/> or read).</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>The compact JWS.</returns>
    /// <exception cref="ArgumentException">
    /// The credential violates an issuance rule (<see cref="W3cCredential.ValidateForIssuance"/>: a date without offset,
    /// an undeclared member), has <c>vc</c>/<c>vp</c>, an <c>iss</c> or <c>jti</c>/<c>sub</c> that conflicts with it, or
    /// the signer's key id does not fit the issuer: a DID issuer needs a <c>kid</c> on its own DID, and without
    /// <c>iss</c> the <c>kid</c> must be an absolute URL (sections 4.1.1 and 4.3).
    /// </exception>
    public ValueTask<string> IssueAsync(W3cCredential credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var error = credential.ValidateForIssuance(_options.Issuance);
        if (error is not null)
        {
            throw new ArgumentException($"The credential cannot be issued: {error}", nameof(credential));
        }

        var subjectIds = new string?[credential.CredentialSubjects.Length];
        for (var i = 0; i < subjectIds.Length; i++)
        {
            subjectIds[i] = credential.CredentialSubjects[i].Id;
        }

        return VcJwtSigning.SignAsync(
            _signer, _options, credential.Json, credential.ToUtf8Bytes(), credential.Issuer.Id, VcJoseMediaTypes.VcJwt,
            VcJoseMediaTypes.CredentialContentType, VcJoseErrors.IssuerMismatch, credential.Id, subjectIds, isCredential: true, cancellationToken);
    }
}
