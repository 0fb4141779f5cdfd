using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Keys;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.VcJose;
using Credentials.Wallet.Holder.Internal;

namespace Credentials.Wallet.Holder;

public sealed partial class CredentialWallet
{
    /// <summary>
    /// Presents a whole W3C credential in a presentation signed by the holder key its subject's DID names (OpenID4VP 1.0
    /// Appendix B.1.3): for <c>ldp_vc</c> a Data Integrity presentation (proof purpose <c>authentication</c>,
    /// <c>challenge</c> = nonce, <c>domain</c> = audience, the DID URL of the key as verification method); for
    /// <c>jwt_vc_json</c> a <c>vp+jwt</c> enveloping the credential (<c>aud</c> = audience, <c>nonce</c>, <c>kid</c> the
    /// DID URL of the key). The holder is the subject's DID.
    /// </summary>
    private async ValueTask<VerificationResult<PresentedCredential>> PresentW3cAsync(PlannedPresentation item, string audience, string nonce, CancellationToken cancellationToken)
    {
        var copy = await _store.TakeUnusedCopyAsync(item.CredentialId, cancellationToken).ConfigureAwait(false);
        if (!copy.IsValid)
        {
            return copy.Error;
        }

        if (copy.Value.HolderKeyId is not { } keyId)
        {
            return new VerificationError(HolderErrors.HolderBindingMissing, "The stored copy is not bound to a holder key of this wallet.");
        }

        var claims = W3cStoredCredential.ReadClaims(copy.Value.Raw);
        if (!claims.IsValid)
        {
            return claims.Error;
        }

        // The whole credential is sent: it must be the one the plan showed.
        if (!JsonElement.DeepEquals(claims.Value, item.Info.View.Claims))
        {
            return new VerificationError(HolderErrors.DisclosureMismatch, "The copy is not the credential the plan showed.");
        }

        var subject = claims.Value.TryGetProperty("credentialSubject", out var s) && s.ValueKind == JsonValueKind.Object
            && s.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        var signer = await _store.GetSignerAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (!signer.IsValid)
        {
            return signer.Error;
        }

        using var key = signer.Value;
        if (W3cStoredCredential.KeyOf(subject) is not { } bound
            || !string.Equals(bound.Key.ComputeThumbprint(), key.PublicJwk.ComputeThumbprint(), StringComparison.Ordinal))
        {
            return new VerificationError(HolderErrors.HolderKeyMismatch, "The credential's subject is not the holder key it is stored with.");
        }

        var holder = bound.Did.ToString();
        var verificationMethod = W3cStoredCredential.VerificationMethodOf(bound.Did);
        string presentation;
        try
        {
            if (item.Format == DcqlFormats.LdpVc)
            {
                var credential = W3cCredential.Read(copy.Value.Raw);
                if (!credential.IsValid)
                {
                    return credential.Error;
                }

                var vp = new W3cPresentationBuilder().Holder(holder).Credential(credential.Value).Build();
                var document = JsonNode.Parse(vp.ToUtf8Bytes())!.AsObject();
                var issuer = new DataIntegrityIssuer(key, verificationMethod, new DataIntegrityIssuerOptions { TimeProvider = _options.TimeProvider });

                // Appendix B.1.3.2: the proof's challenge is the nonce and its domain the client_id.
                var secured = await issuer.AddProofAsync(
                    document,
                    new DataIntegrityProofOptions
                    {
                        Cryptosuite = key.Algorithm.IsEdDsa ? Cryptosuite.EddsaRdfc2022 : Cryptosuite.EcdsaRdfc2019,
                        ProofPurpose = ProofPurposes.Authentication,
                        Challenge = nonce,
                        Domain = [audience],
                        Created = _options.TimeProvider.GetUtcNow(),
                    },
                    cancellationToken).ConfigureAwait(false);
                presentation = secured.ToJsonString();
            }
            else
            {
                var vp = new W3cPresentationBuilder().Holder(holder).EnvelopedVcJwt(copy.Value.Raw.Trim()).Build();
                var holderSigner = new VcJwtHolder(key.WithKeyId(verificationMethod), new VcJwtHolderOptions { TimeProvider = _options.TimeProvider, IncludeIssuedAt = true });
                presentation = await holderSigner.PresentAsync(vp, audience, nonce, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ArgumentException)
        {
            return new VerificationError(HolderErrors.UnsupportedFormat, "The stored credential cannot be put in a presentation.");
        }

        return new PresentedCredential
        {
            QueryId = item.QueryId,
            CredentialId = item.CredentialId,
            CopyId = copy.Value.CopyId,
            Presentation = presentation,
            RequestedClaims = item.Selection.Paths,
            Disclosures = item.Disclosures,
            RemainingCopies = copy.Value.RemainingCopies,
            IsRunningLow = IsRunningLow(copy.Value.RemainingCopies),
        };
    }
}
