using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Mdoc;
using Credentials.Wallet.Holder.Internal;

namespace Credentials.Wallet.Holder;

public sealed partial class CredentialWallet
{
    /// <summary>
    /// Presents chosen data elements of one stored mdoc for a session, without a DCQL request (for example a
    /// presentation bound to a transcript the verifier gave out of band): the elements are checked against the mdoc before
    /// anything is used; then a copy is taken (a single-use copy is used up and erased), a DeviceResponse is built with only
    /// the chosen IssuerSignedItems and a device signature over the DeviceAuthentication for
    /// <paramref name="transcript"/> (ISO/IEC 18013-5 §9.1.3), made with the wallet key the MSO's device key names, and the
    /// presentation is recorded in the disclosure log with the element names only, never their values.
    /// </summary>
    /// <param name="credentialId">The mdoc (from <see cref="ListAsync"/>).</param>
    /// <param name="elements">Namespace → data element identifiers to disclose; at least one element.</param>
    /// <param name="transcript">The session transcript the verifier will check against (for OpenID4VP: <see cref="SessionTranscript.ForOpenId4Vp"/> or <see cref="SessionTranscript.ForDigitalCredentialsApi"/>).</param>
    /// <param name="verifier">Who the presentation is for, as recorded in the disclosure log (a client_id or an origin).</param>
    /// <param name="cancellationToken">Cancels the store and signing.</param>
    /// <returns>
    /// The presentation; or <see cref="HolderErrors.ClaimNotFound"/> (an element the mdoc lacks; nothing used),
    /// <see cref="HolderErrors.UnsupportedFormat"/> (not an mdoc), <see cref="HolderErrors.PlanAlreadyAnswered"/> (this
    /// wallet already presented for this transcript), <see cref="HolderErrors.HolderKeyMismatch"/>,
    /// <see cref="HolderErrors.DisclosureMismatch"/>, <c>wallet.not_found</c>, <c>wallet.batch_exhausted</c> or another
    /// store error. On a failure after the copy was taken, a single-use copy stays used: nothing was handed over with it.
    /// </returns>
    /// <exception cref="ArgumentException">The id or verifier is empty, or no element is chosen.</exception>
    public async ValueTask<VerificationResult<MdocCredentialPresentation>> PresentMdocAsync(
        string credentialId,
        IReadOnlyDictionary<string, IReadOnlyCollection<string>> elements,
        SessionTranscript transcript,
        string verifier,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(credentialId);
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentException.ThrowIfNullOrWhiteSpace(verifier);
        var paths = new List<ClaimPath>();
        foreach (var (ns, names) in elements)
        {
            ArgumentException.ThrowIfNullOrEmpty(ns, nameof(elements));
            ArgumentNullException.ThrowIfNull(names, nameof(elements));
            foreach (var name in names)
            {
                ArgumentException.ThrowIfNullOrEmpty(name, nameof(elements));
                var path = ClaimPath.Of(ns, name);
                if (!paths.Contains(path))
                {
                    paths.Add(path);
                }
            }
        }

        if (paths.Count == 0)
        {
            throw new ArgumentException("At least one data element must be chosen.", nameof(elements));
        }

        // Check the elements on the holder's own view before a (single-use) copy is taken.
        var stored = await _store.GetAsync(credentialId, cancellationToken).ConfigureAwait(false);
        if (!stored.IsValid)
        {
            return stored.Error;
        }

        var summary = stored.Value.Summary;
        if (!string.Equals(summary.Format, DcqlFormats.MsoMdoc, StringComparison.Ordinal))
        {
            return new VerificationError(HolderErrors.UnsupportedFormat, "Only mdocs (mso_mdoc) can be presented with a session transcript.");
        }

        var view = HolderView.BuildMdoc(stored.Value.Raw);
        if (!view.IsValid)
        {
            return view.Error;
        }

        foreach (var path in paths)
        {
            if (!view.Value.SelectivelyDisclosable.Contains(path))
            {
                return new VerificationError(HolderErrors.ClaimNotFound, "The mdoc has no such data element; nothing was presented.") { Path = path };
            }
        }

        // One answer per session: a second DeviceResponse for the same transcript would only help a replay.
        if (!_answeredNonces.TryAdd(("mdoc:session-transcript", Base64Url.EncodeToString(transcript.Encoded.Span)), true))
        {
            return new VerificationError(HolderErrors.PlanAlreadyAnswered, "A presentation for this session transcript was already made.");
        }

        var presented = await PresentMdocCopyAsync(credentialId, paths, view.Value, transcript, cancellationToken).ConfigureAwait(false);
        if (!presented.IsValid)
        {
            return presented.Error;
        }

        var (copy, response) = presented.Value;
        var entry = await _store.RecordPresentationAsync(
            new PresentationRecord
            {
                Verifier = verifier,
                Time = _options.TimeProvider.GetUtcNow(),
                Credentials = [MdocLogged(credentialId, summary.DocType, null, paths)],
            },
            cancellationToken).ConfigureAwait(false);
        if (!entry.IsValid)
        {
            return entry.Error;
        }

        return new MdocCredentialPresentation
        {
            CredentialId = credentialId,
            CopyId = copy.CopyId,
            DocType = summary.DocType ?? view.Value.Mdoc!.DocType,
            DeviceResponse = response,
            Disclosed = [.. paths.Select(p => new WalletClaim(p, p.Components[1].Name!, null, ValueAt(view.Value.Claims, p), IsSelectivelyDisclosable: true))],
            Withheld = [.. view.Value.SelectivelyDisclosable.Where(p => !paths.Contains(p)).OrderBy(p => p.ToDisplayString(), StringComparer.Ordinal)],
            Use = copy.Use,
            RemainingCopies = copy.RemainingCopies,
            IsRunningLow = IsRunningLow(copy.RemainingCopies),
            LogEntryId = entry.Value.Id,
        };
    }

    /// <summary>The OpenID4VP answer for one planned mdoc: a DeviceResponse for the request's session transcript (Appendix B.2.6).</summary>
    private async ValueTask<VerificationResult<PresentedCredential>> PresentMdocPlannedAsync(PlannedPresentation item, SessionTranscript transcript, CancellationToken cancellationToken)
    {
        var presented = await PresentMdocCopyAsync(item.CredentialId, item.Selection.Paths, item.Info.View, transcript, cancellationToken).ConfigureAwait(false);
        if (!presented.IsValid)
        {
            return presented.Error;
        }

        var (copy, response) = presented.Value;
        return new PresentedCredential
        {
            QueryId = item.QueryId,
            CredentialId = item.CredentialId,
            CopyId = copy.CopyId,
            Presentation = response,
            RequestedClaims = item.Selection.Paths,
            Disclosures = item.Selection.Paths,
            RemainingCopies = copy.RemainingCopies,
            IsRunningLow = IsRunningLow(copy.RemainingCopies),
        };
    }

    /// <summary>
    /// The session transcript of an OpenID4VP request (Appendix B.2.6.1 and B.2.6.2): over the Digital Credentials API
    /// the Origin, nonce and the encryption key's thumbprint; otherwise client_id, nonce, the thumbprint and response_uri.
    /// </summary>
    private static VerificationResult<SessionTranscript> MdocTranscript(PresentationRequest request)
    {
        // An empty thumbprint (a null byte[] converted to ReadOnlyMemory) means no encryption, as null does.
        var thumbprint = request.EncryptionKeyThumbprint is { IsEmpty: false } t ? t.ToArray() : null;
        if (request.Origin is { Length: > 0 } origin)
        {
            return SessionTranscript.ForDigitalCredentialsApi(origin, request.Nonce, thumbprint);
        }

        if (request.ResponseUri is { Length: > 0 } responseUri)
        {
            return SessionTranscript.ForOpenId4Vp(request.ClientId, request.Nonce, thumbprint, responseUri);
        }

        return new VerificationError(HolderErrors.InvalidPresentationRequest, "An mso_mdoc answer is bound to the request's response_uri or Origin, and the request has neither.");
    }

    /// <summary>
    /// Takes a copy, checks it discloses what the holder was shown (a batch copy is not the one the plan was made from),
    /// checks the stored holder key is the MSO's device key, and builds the DeviceResponse with only the chosen elements.
    /// </summary>
    private async ValueTask<VerificationResult<(CredentialCopy Copy, string DeviceResponse)>> PresentMdocCopyAsync(string credentialId, IReadOnlyList<ClaimPath> paths, HolderView shown, SessionTranscript transcript, CancellationToken cancellationToken)
    {
        var copy = await _store.TakeUnusedCopyAsync(credentialId, cancellationToken).ConfigureAwait(false);
        if (!copy.IsValid)
        {
            return copy.Error;
        }

        if (copy.Value.HolderKeyId is not { } keyId)
        {
            return new VerificationError(HolderErrors.HolderBindingMissing, "The stored copy is not bound to a holder key of this wallet.");
        }

        var view = HolderView.BuildMdoc(copy.Value.Raw);
        if (!view.IsValid)
        {
            return view.Error;
        }

        foreach (var path in paths)
        {
            if (!ClaimTree.TryGet(view.Value.Claims, path, out var value) || !ClaimTree.TryGet(shown.Claims, path, out var planned) || !JsonElement.DeepEquals(value, planned))
            {
                return new VerificationError(HolderErrors.DisclosureMismatch, "The copy would disclose something other than the holder was shown.");
            }
        }

        var signer = await _store.GetSignerAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (!signer.IsValid)
        {
            return signer.Error;
        }

        using var key = signer.Value;
        var mdoc = view.Value.Mdoc!;
        if (!string.Equals(mdoc.MobileSecurityObject.DeviceKey.ComputeThumbprint(), key.PublicJwk.ComputeThumbprint(), StringComparison.Ordinal))
        {
            return new VerificationError(HolderErrors.HolderKeyMismatch, "The mdoc's device key is not the holder key it is stored with.");
        }

        // ISO/IEC 18013-5 §8.3.2.1.2.2: only the selected IssuerSignedItems are returned (data minimisation).
        var response = await MdocHolder.PresentAsync([new MdocPresentationInput(mdoc, HolderView.ToSelection(paths), key)], transcript, cancellationToken).ConfigureAwait(false);
        return (copy.Value, Base64Url.EncodeToString(response.Encode()));
    }

    /// <summary>The disclosure log entry of an mdoc presentation: element paths only, never their values.</summary>
    private static DisclosedCredential MdocLogged(string credentialId, string? docType, string? queryId, IEnumerable<ClaimPath> paths)
        => new() { CredentialId = credentialId, Vct = docType, QueryId = queryId, Claims = [.. paths.Select(p => new DisclosedClaim(p))] };
}
