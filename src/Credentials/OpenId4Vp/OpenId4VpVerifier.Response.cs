using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.Diagnostics;
using Credentials.OpenId4Vp.Internal;
using Credentials.SdJwt;
using Credentials.SdJwtVc;

namespace Credentials.OpenId4Vp;

public sealed partial class OpenId4VpVerifier
{
    /// <summary>
    /// Processes an Authorization Response posted to the Response URI (section 8.2): the <c>state</c> must belong to a
    /// pending request and is consumed atomically (a second response is refused); an error response is recorded
    /// (for example <c>access_denied</c>); otherwise every presentation is verified against the query and the policy
    /// (section 8.6) and the typed result is stored for <see cref="GetResultAsync"/>.
    /// </summary>
    /// <param name="form">The posted form fields.</param>
    /// <param name="cancellationToken">Cancels verification.</param>
    /// <returns>What to answer the wallet: 200 (with <c>redirect_uri</c> when configured) or 400 with an OAuth error.</returns>
    public ValueTask<ResponseEndpointResult> ReceiveResponseAsync(IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken = default)
        => Telemetry.PresentationObserved ? ReceiveResponseObservedAsync(form, cancellationToken) : ReceiveResponseCoreAsync(form, cancellationToken);

    private async ValueTask<ResponseEndpointResult> ReceiveResponseObservedAsync(IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var activity = Telemetry.Source.StartActivity(Telemetry.PresentationResponseActivity, System.Diagnostics.ActivityKind.Internal);
        ResponseEndpointResult result;
        try
        {
            result = await ReceiveResponseCoreAsync(form, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Telemetry.Fail(activity, ex);
            throw;
        }

        // Refused: no pending transaction took the response (unknown state, replay, undecryptable); rejected: its
        // presentations failed; a 200 with a code is the wallet's own error response.
        var outcome = result.TransactionId is null ? Telemetry.Refused
            : result.StatusCode != 200 ? Telemetry.Rejected
            : result.Code == OpenId4VpErrors.WalletError ? Telemetry.WalletError
            : result.Code is null ? Telemetry.Accepted
            : Telemetry.Rejected;
        Telemetry.RecordPresentation(activity, outcome, result.Code);
        return result;
    }

    private async ValueTask<ResponseEndpointResult> ReceiveResponseCoreAsync(IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = form.ToList();
        var now = _options.TimeProvider.GetUtcNow();
        var encrypted = fields.Where(f => f.Key == RequestParameterNames.Response).Select(f => f.Value).ToList();
        if (encrypted.Count > 0)
        {
            // Section 8.3.1: direct_post.jwt posts only response=<JWE>; the state is inside it. The JWE's kid names the
            // transaction's key (the request's state); the response is decrypted before the state is consumed, so a
            // forged or tampered JWE cannot use up a pending request.
            var decrypted = await DecryptResponseAsync(encrypted, fields.Count, now, cancellationToken).ConfigureAwait(false);
            if (!decrypted.IsValid)
            {
                return decrypted.Error.Code == OpenId4VpErrors.ResponseReplayed
                    ? Refuse(OpenId4VpErrors.ResponseReplayed, "This request was already answered.")
                    : Refuse(decrypted.Error.Code, decrypted.Error.Message);
            }

            fields = decrypted.Value;
        }

        var states = fields.Where(f => f.Key == RequestParameterNames.State).Select(f => f.Value).ToList();
        if (states.Count != 1 || states[0].Length == 0)
        {
            return Refuse(OpenId4VpErrors.UnknownState, "The response has no single state.");
        }

        var state = states[0];
        var transactionId = await _store.TryConsumeAsync(StateKind, state, now, cancellationToken).ConfigureAwait(false);
        if (transactionId is null)
        {
            var answered = await _store.TryGetAsync(AnsweredKind, state, now, cancellationToken).ConfigureAwait(false);
            return answered is null
                ? Refuse(OpenId4VpErrors.UnknownState, "The state belongs to no pending request.")
                : Refuse(OpenId4VpErrors.ResponseReplayed, "This request was already answered.");
        }

        var stored = await _store.TryGetAsync(TransactionKind, transactionId, now, cancellationToken).ConfigureAwait(false);
        var record = TransactionRecord.TryParse(stored);
        if (stored is null || record is null)
        {
            return Refuse(OpenId4VpErrors.UnknownState, "The transaction has expired.");
        }

        await _store.TryAddAsync(AnsweredKind, state, transactionId, record.RequestExpiresAt + _options.ResultLifetime, cancellationToken).ConfigureAwait(false);

        OpenId4VpTransactionResult result;
        var parsed = AuthorizationResponse.FromForm(fields, _options.MaxVpTokenLength);
        if (!parsed.IsValid)
        {
            result = Rejected(record, now, parsed.Error, []);
        }
        else if (record.IsEncrypted && encrypted.Count == 0 && !parsed.Value.IsError)
        {
            // Section 8.3: the verifier asked for an encrypted response; a vp_token in the clear is refused (only an
            // error response may come unencrypted, section 8.3.1).
            result = Rejected(record, now, new VerificationError(OpenId4VpErrors.ResponseNotEncrypted, "The request asked for an encrypted response."), []);
        }
        else if (parsed.Value.IsError)
        {
            result = new OpenId4VpTransactionResult
            {
                TransactionId = transactionId,
                Status = OpenId4VpTransactionStatus.WalletError,
                ClientId = record.ClientId,
                ReceivedAt = now,
                Error = new VerificationError(OpenId4VpErrors.WalletError, "The wallet answered with an error response."),
                WalletError = parsed.Value.Error,
                WalletErrorDescription = parsed.Value.ErrorDescription,
            };
        }
        else
        {
            result = await VerifyVpTokenAsync(record, parsed.Value.VpToken!, BindingFor(record, null), now, cancellationToken).ConfigureAwait(false);
        }

        var responseCode = _options.RedirectUri is not null && result.Status != OpenId4VpTransactionStatus.Rejected ? NewRandom() : null;
        // The encryption key is removed with the answer: nothing can be decrypted for this transaction any more.
        var completed = record with { Result = result, ResponseCode = responseCode, EncryptionKey = null };
        await _store.TryUpdateAsync(TransactionKind, transactionId, stored, completed.ToJson(), now, cancellationToken).ConfigureAwait(false);
        if (_options.OnResult is { } callback)
        {
            await callback(result, cancellationToken).ConfigureAwait(false);
        }

        if (result.Status == OpenId4VpTransactionStatus.Rejected)
        {
            var error = result.Error!;
            return new ResponseEndpointResult
            {
                StatusCode = 400,
                Error = OpenId4VpOAuthErrors.InvalidRequest,
                ErrorDescription = error.Message,
                Code = error.Code,
                TransactionId = transactionId,
            };
        }

        return new ResponseEndpointResult
        {
            StatusCode = 200,
            RedirectUri = responseCode is null ? null : _options.RedirectUri!.AbsoluteUri.Split('#')[0] + "#response_code=" + responseCode,
            Code = result.Error?.Code,
            TransactionId = transactionId,
        };
    }

    private async ValueTask<VerificationResult<List<KeyValuePair<string, string>>>> DecryptResponseAsync(List<string> encrypted, int fieldCount, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (encrypted.Count != 1 || fieldCount != 1)
        {
            return new VerificationError(OpenId4VpErrors.InvalidResponse, "An encrypted response is a single response parameter.");
        }

        var compact = encrypted[0];
        if (compact.Length > _options.MaxVpTokenLength * 2L + 8192)
        {
            return new VerificationError(OpenId4VpErrors.InvalidResponse, "The encrypted response is larger than the limit.");
        }

        var kid = ResponseEncryption.PeekKeyId(compact);
        var transactionId = kid is null ? null : await _store.TryGetAsync(StateKind, kid, now, cancellationToken).ConfigureAwait(false);
        if (transactionId is null)
        {
            if (kid is not null && await _store.TryGetAsync(AnsweredKind, kid, now, cancellationToken).ConfigureAwait(false) is not null)
            {
                return new VerificationError(OpenId4VpErrors.ResponseReplayed, "This request was already answered.");
            }

            return new VerificationError(OpenId4VpErrors.ResponseKeyUnknown, "The encrypted response's kid names no pending request's key.");
        }

        var record = TransactionRecord.TryParse(await _store.TryGetAsync(TransactionKind, transactionId, now, cancellationToken).ConfigureAwait(false));
        if (record is null)
        {
            return new VerificationError(OpenId4VpErrors.UnknownState, "The transaction has expired.");
        }

        if (record.EncryptionKey is null)
        {
            return new VerificationError(OpenId4VpErrors.ResponseEncryptedUnexpectedly, "The request did not ask for an encrypted response.");
        }

        var payload = ResponseEncryption.Decrypt(compact, record.EncryptionKey, record.EncryptionMethods, (int)Math.Min(int.MaxValue, _options.MaxVpTokenLength * 2L + 8192));
        if (!payload.IsValid)
        {
            return payload.Error;
        }

        // Section 8.3: the payload's top-level members are the response parameters; the state inside must be the request's.
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var member in payload.Value.EnumerateObject())
        {
            if (member.Name == RequestParameterNames.VpToken)
            {
                fields.Add(new(member.Name, member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : member.Value.GetRawText()));
            }
            else if (member.Name is RequestParameterNames.State or RequestParameterNames.Error or RequestParameterNames.ErrorDescription)
            {
                if (member.Value.ValueKind != JsonValueKind.String)
                {
                    return new VerificationError(OpenId4VpErrors.InvalidResponse, $"The encrypted response's {member.Name} is not a string.");
                }

                fields.Add(new(member.Name, member.Value.GetString()!));
            }
        }

        if (fields.Any(f => f.Key == RequestParameterNames.State && f.Value != record.State))
        {
            return new VerificationError(OpenId4VpErrors.UnknownState, "The encrypted response's state is not the request's.");
        }

        if (!fields.Any(f => f.Key == RequestParameterNames.State))
        {
            fields.Add(new(RequestParameterNames.State, record.State));
        }

        return fields;
    }

    private async ValueTask<OpenId4VpTransactionResult> VerifyVpTokenAsync(TransactionRecord record, IReadOnlyDictionary<string, ImmutableArray<string>> vpToken, PresentationBinding binding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = DcqlQuery.Read(record.DcqlQuery).GetValueOrThrow();
        var presentations = ImmutableArray.CreateBuilder<VerifiedPresentation>();

        // Section 8.1: every key is a Credential Query id; without multiple, exactly one presentation.
        foreach (var (id, list) in vpToken)
        {
            var credentialQuery = query.FindCredential(id);
            if (credentialQuery is null)
            {
                return Rejected(record, now, new VerificationError(OpenId4VpErrors.UnknownCredentialQuery, "The vp_token answers a Credential Query the request did not contain."), []);
            }

            if (!credentialQuery.Multiple && list.Length > 1)
            {
                return Rejected(record, now, new VerificationError(OpenId4VpErrors.TooManyPresentations, "A Credential Query without 'multiple' is answered with more than one presentation."), []);
            }
        }

        VerificationError? bindingFailure = null;
        foreach (var (id, list) in vpToken)
        {
            var credentialQuery = query.FindCredential(id)!;
            for (var i = 0; i < list.Length; i++)
            {
                var presentation = await VerifyPresentationAsync(record, binding, credentialQuery, i, list[i], cancellationToken).ConfigureAwait(false);
                presentations.Add(presentation);
                if (bindingFailure is null && presentation.Error?.Code == OpenId4VpErrors.HolderBindingFailed)
                {
                    bindingFailure = presentation.Error;
                }
            }
        }

        // Section 14.1.2: a presentation not bound to this nonce and client_id rejects the whole response.
        if (bindingFailure is not null)
        {
            return Rejected(record, now, bindingFailure, presentations.ToImmutable());
        }

        // Section 8.6 step 3 and 6.4.2: the remaining presentations must satisfy the query.
        var answered = presentations.Where(p => p.IsValid).Select(p => p.QueryId).ToHashSet(StringComparer.Ordinal);
        var satisfied = query.CredentialSets is { } sets
            ? sets.Where(s => s.Required).All(s => s.Options.Any(option => option.All(answered.Contains)))
            : query.Credentials.All(c => answered.Contains(c.Id));
        if (!satisfied)
        {
            var firstDiscarded = presentations.FirstOrDefault(p => !p.IsValid)?.Error;
            return Rejected(record, now, new VerificationError(OpenId4VpErrors.QueryNotSatisfied, "The valid presentations do not answer every required Credential Query.") { Inner = firstDiscarded }, presentations.ToImmutable());
        }

        return new OpenId4VpTransactionResult
        {
            TransactionId = record.TransactionId,
            Status = OpenId4VpTransactionStatus.Accepted,
            ClientId = record.ClientId,
            ReceivedAt = now,
            Presentations = presentations.ToImmutable(),
        };
    }

    private async ValueTask<VerifiedPresentation> VerifyPresentationAsync(TransactionRecord record, PresentationBinding binding, CredentialQuery query, int index, string presentation, CancellationToken cancellationToken)
    {
        var discarded = new VerifiedPresentation { QueryId = query.Id, Index = index, Format = query.Format };
        if (query.Format is DcqlFormats.JwtVcJson or DcqlFormats.LdpVc && _options.W3cPresentations is { } w3c)
        {
            return await VerifyW3cPresentationAsync(w3c, record, binding, query, discarded, presentation, cancellationToken).ConfigureAwait(false);
        }

        if (query.Format == DcqlFormats.MsoMdoc && _mdoc is not null)
        {
            return VerifyMdocPresentation(_mdoc, record, binding, query, discarded, presentation);
        }

        if (query.Format != DcqlFormats.SdJwtVc)
        {
            return discarded with { Error = new VerificationError(OpenId4VpErrors.UnsupportedFormat, "This verifier does not verify presentations of this format.") };
        }

        var policy = _options.Policy;
        var result = await _credentials.VerifyAsync(presentation, new SdJwtVcPolicy
        {
            // Section 14.1.2 and B.3.6: aud is the full Client Identifier (over the DC API, origin: + Origin, Appendix
            // A.4), nonce the request's.
            KeyBinding = query.RequireCryptographicHolderBinding
                ? KeyBindingRequirement.Required(binding.Audience, record.Nonce)
                : KeyBindingRequirement.Optional(binding.Audience, record.Nonce),
            AcceptedVcts = policy.AcceptedVcts,
            IssuerAuthorization = policy.IssuerAuthorization,
            MaxCredentialAge = policy.MaxCredentialAge,
            Status = policy.Status,
            TypeMetadata = policy.TypeMetadata,
        }, cancellationToken).ConfigureAwait(false);
        discarded = discarded with { Checks = result.Checks };
        if (!result.IsValid)
        {
            return discarded with
            {
                Error = result.Error.Kind == VerificationFailureKind.KeyBindingFailed
                    ? new VerificationError(OpenId4VpErrors.HolderBindingFailed, "The presentation is not bound to this request's nonce and client_id.") { Inner = result.Error }
                    : new VerificationError(OpenId4VpErrors.PresentationInvalid, "The presentation failed verification.") { Inner = result.Error },
            };
        }

        var credential = result.Value;
        var verified = discarded with
        {
            Vct = credential.Vct,
            Issuer = credential.Issuer,
            DisclosedClaims = credential.DisclosedPaths,
            Status = credential.Status,
            HolderKeyThumbprint = credential.KeyBinding?.HolderKey.ComputeThumbprint(),
        };

        // Section 14.9: the verifier checks the query's constraints itself; it never relies on the wallet.
        var candidate = new DcqlCandidate
        {
            Id = query.Id + "#" + index,
            Format = DcqlFormats.SdJwtVc,
            Vct = credential.Vct,
            Claims = credential.Claims,
            SelectivelyDisclosable = credential.DisclosedPaths,
            SupportsCryptographicHolderBinding = credential.KeyBinding is not null || !query.RequireCryptographicHolderBinding,
        };
        var match = MatchQuery(query, candidate, "The credential's vct is not one the query accepts.", out var mismatch);
        if (mismatch is not null)
        {
            return verified with { Error = mismatch };
        }

        // The wallet may have answered with another claim_sets option than the verifier's first: report against the
        // option that explains the most of what was disclosed.
        var best = match.Matches[0].Alternatives
            .OrderBy(a => credential.DisclosedPaths.Count(d => !a.Disclosures.Contains(d)))
            .First();
        return verified with
        {
            Claims = credential.Claims.Clone(),
            RequestedClaims = best.Paths,
            ExtraDisclosedClaims = [.. credential.DisclosedPaths.Where(d => !best.Disclosures.Contains(d))],
        };
    }

    /// <summary>
    /// Appendix B.1: a W3C presentation of one credential, bound to this request (<c>ldp_vc</c>: the proof's
    /// <c>challenge</c> is the nonce and <c>domain</c> the client_id; <c>jwt_vc_json</c>: <c>nonce</c> and <c>aud</c>),
    /// made by the credential's subject; then the query's own constraints (section 14.9).
    /// </summary>
    private async ValueTask<VerifiedPresentation> VerifyW3cPresentationAsync(Credentials.W3c.W3cPresentationVerifier verifier, TransactionRecord record, PresentationBinding binding, CredentialQuery query, VerifiedPresentation discarded, string presentation, CancellationToken cancellationToken)
    {
        // Appendix B.1.3: domain / aud is the Client Identifier, or origin: + Origin over the DC API.
        var result = query.Format == DcqlFormats.LdpVc
            ? await verifier.VerifyDataIntegrityAsync(presentation, record.Nonce, binding.Audience, cancellationToken).ConfigureAwait(false)
            : await verifier.VerifyVpJwtAsync(presentation, binding.Audience, record.Nonce, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            // Section 14.1.2: not bound to this nonce and client_id, or not made by the credential's subject.
            var unbound = result.OutcomeOf(Credentials.W3c.W3cCheckKind.HolderTrust) == CheckOutcome.Failed || result.Error.Kind == VerificationFailureKind.KeyBindingFailed;
            return discarded with
            {
                Error = unbound
                    ? new VerificationError(OpenId4VpErrors.HolderBindingFailed, "The presentation is not bound to this request's nonce and client_id, or not made by the credential's subject.") { Inner = result.Error }
                    : new VerificationError(OpenId4VpErrors.PresentationInvalid, "The presentation failed verification.") { Inner = result.Error },
            };
        }

        var vp = result.Value;
        if (vp.Credentials.Length != 1)
        {
            return discarded with { Error = new VerificationError(OpenId4VpErrors.PresentationInvalid, "A presentation answering a Credential Query carries exactly one credential.") };
        }

        var credential = vp.Credentials[0].Credential;
        var verified = discarded with { Issuer = credential.Issuer.Id, Holder = vp.Holder, Types = credential.Types };
        if (_options.Policy.MaxCredentialAge is { } maxAge && credential.ValidFrom is { } validFrom && _options.TimeProvider.GetUtcNow() - validFrom > maxAge)
        {
            return verified with { Error = new VerificationError(OpenId4VpErrors.PresentationInvalid, "The credential is older than the policy allows.") };
        }

        var types = await DcqlW3cTypes.ExpandAsync(credential.Json, verifier.DocumentLoader, cancellationToken).ConfigureAwait(false);
        if (!types.IsValid)
        {
            return verified with { Error = new VerificationError(OpenId4VpErrors.CredentialTypeMismatch, "The credential's types could not be expanded.") { Inner = types.Error } };
        }

        var candidate = new DcqlCandidate
        {
            Id = query.Id + "#" + discarded.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Format = query.Format,
            W3cTypes = types.Value,
            Claims = credential.Json,
            SupportsCryptographicHolderBinding = true,
        };
        var match = MatchQuery(query, candidate, "The credential's types are not ones the query accepts.", out var mismatch);
        if (mismatch is not null)
        {
            return verified with { Error = mismatch };
        }

        var selected = match.Matches[0].Selected;
        return verified with
        {
            Claims = credential.Json.Clone(),
            RequestedClaims = selected.Paths,
            DisclosedClaims = selected.Disclosures,
            DisclosesWholeCredential = true,
        };
    }

    /// <summary>What the presentations of a transaction are bound to: the audience, and for mdoc the session transcript's inputs.</summary>
    private static PresentationBinding BindingFor(TransactionRecord record, string? origin)
    {
        byte[]? thumbprint = null;
        if (record.EncryptionKey is not null && Credentials.Keys.Jwk.TryParse(record.EncryptionKey, out var key))
        {
            thumbprint = Credentials.Internal.StrictBase64Url.TryDecode(key.ToPublic().ComputeThumbprint());
        }

        return origin is null
            ? new PresentationBinding(record.ClientId, null, thumbprint)
            : new PresentationBinding(OpenId4VpConstants.OriginAudiencePrefix + origin, origin, thumbprint);
    }

    private static OpenId4VpTransactionResult Rejected(TransactionRecord record, DateTimeOffset now, VerificationError error, ImmutableArray<VerifiedPresentation> presentations) => new()
    {
        TransactionId = record.TransactionId,
        Status = OpenId4VpTransactionStatus.Rejected,
        ClientId = record.ClientId,
        ReceivedAt = now,
        Error = error,
        Presentations = presentations,
    };

    private static ResponseEndpointResult Refuse(ErrorCode code, string message, string? transactionId = null) => new()
    {
        StatusCode = 400,
        Error = OpenId4VpOAuthErrors.InvalidRequest,
        ErrorDescription = message,
        Code = code,
        TransactionId = transactionId,
    };

    /// <param name="Audience">The Key Binding JWT <c>aud</c> (Client Identifier, or <c>origin:</c> + Origin).</param>
    /// <param name="Origin">The Origin over the DC API, else <see langword="null"/>.</param>
    /// <param name="EncryptionKeyThumbprint">The SHA-256 thumbprint of the encryption key when the response was encrypted.</param>
    private sealed record PresentationBinding(string Audience, string? Origin, byte[]? EncryptionKeyThumbprint);

    /// <summary>
    /// Matches one presented credential against its DCQL query; a mismatch becomes
    /// <c>openid4vp.credential_type_mismatch</c> (with <paramref name="typeMismatch"/>) or <c>openid4vp.claims_not_satisfied</c>.
    /// </summary>
    private CredentialQueryMatch MatchQuery(CredentialQuery query, DcqlCandidate candidate, string typeMismatch, out VerificationError? mismatch)
    {
        var match = _matcher.Match(new DcqlQuery { Credentials = [query] }, [candidate]).GetCredential(query.Id);
        mismatch = null;
        if (!match.IsSatisfied)
        {
            var reason = match.Mismatches.IsDefaultOrEmpty ? DcqlMismatchReason.ClaimMissing : match.Mismatches[0].Reason;
            mismatch = reason == DcqlMismatchReason.TypeMismatch
                ? new VerificationError(OpenId4VpErrors.CredentialTypeMismatch, typeMismatch)
                : new VerificationError(OpenId4VpErrors.ClaimsNotSatisfied, $"The presentation does not satisfy the query's claims ({reason}).");
        }

        return match;
    }
}
