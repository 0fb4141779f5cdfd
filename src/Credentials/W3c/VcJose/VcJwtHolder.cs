using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;

namespace Credentials.W3c.VcJose;

/// <summary>
/// Secures W3C presentations as <c>application/vp+jwt</c> (VC-JOSE-COSE section 3.1.2): a compact JWS whose payload is
/// the presentation itself, with <c>typ</c> <c>vp+jwt</c>. The credentials it carries must already be secured (for
/// example enveloped <c>vc+jwt</c>, see <see cref="W3cPresentationBuilder.EnvelopedVcJwt"/>). Stateless and thread-safe.
/// </summary>
public sealed class VcJwtHolder
{
    private readonly ISigner _signer;
    private readonly VcJwtIssuerOptions _options;

    /// <summary>Creates a holder.</summary>
    /// <param name="signer">The holder's signer; its <see cref="ISigner.KeyId"/> becomes the <c>kid</c>.</param>
    /// <param name="options">Options; the defaults add no JWT claims.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public VcJwtHolder(ISigner signer, VcJwtIssuerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        options ??= new VcJwtIssuerOptions();
        options.Validate(nameof(options));
        _signer = signer;
        _options = options;
    }

    /// <summary>Signs a presentation.</summary>
    /// <param name="presentation">The presentation (built with <see cref="W3cPresentationBuilder"/> or read).</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>The compact JWS.</returns>
    /// <exception cref="ArgumentException">
    /// The presentation violates an issuance rule, has <c>vc</c>/<c>vp</c>, an <c>iss</c> other than the holder, or the
    /// signer's key id does not fit the holder (sections 4.1.1 and 4.3).
    /// </exception>
    public ValueTask<string> PresentAsync(W3cPresentation presentation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        var error = presentation.ValidateForIssuance(_options.Issuance);
        if (error is not null)
        {
            throw new ArgumentException($"The presentation cannot be secured: {error}", nameof(presentation));
        }

        return VcJwtSigning.SignAsync(
            _signer, _options, presentation.Json, presentation.ToUtf8Bytes(), presentation.Holder?.Id, VcJoseMediaTypes.VpJwt,
            VcJoseMediaTypes.PresentationContentType, VcJoseErrors.HolderMismatch, presentation.Id, [], isCredential: false, cancellationToken);
    }
}
