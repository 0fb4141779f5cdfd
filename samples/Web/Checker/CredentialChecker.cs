using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Samples.Badges;
using Credentials.Samples.Common;
using Credentials.Samples.Web.Trust;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Credentials.Status;
using Credentials.Trust;
using Credentials.W3c;
using Credentials.W3c.BitstringStatus;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.OpenBadges;
using Credentials.W3c.VcJose;

namespace Credentials.Samples.Web.Checker;

/// <summary>
/// Verifies one credential someone pasted or dropped on the checker page: recognises its form, verifies it with the
/// library's verifiers against the trusted issuers (<see cref="CheckerTrust"/>), including its status list fetched
/// over HTTP, and reports every check. Stateless: nothing of a credential is kept, status lists are not cached.
/// </summary>
public sealed class CredentialChecker : IDisposable
{
    /// <summary>The largest credential accepted (pasted or as a file), in bytes: a baked PNG badge fits easily.</summary>
    public const int MaxCredentialBytes = 2 * 1024 * 1024;

    /// <summary>The file in the data folder listing further trusted issuers (a trust list; optional).</summary>
    public const string TrustListFileName = "checker-trusted-issuers.json";

    /// <summary>The report for a credential over <see cref="MaxCredentialBytes"/> (not read at all).</summary>
    public static CheckReport TooLarge { get; } = Problem(CheckerErrors.TooLarge, "大きすぎます（2 MiB まで）。読み込まずに断りました。", "Too large (2 MiB at most): it was not read.");

    /// <summary>The plaintext claims every SD-JWT VC carries; not listed among what it says.</summary>
    private static readonly HashSet<string> s_registered = new(StringComparer.Ordinal)
    {
        "iss", "sub", "iat", "nbf", "exp", "cnf", "vct", "vct#integrity", "status", "_sd_alg",
    };

    private readonly SampleTrust _sampleTrust;
    private readonly WebData _data;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly DidResolver _dids;
    private readonly LocalTypeMetadataRegistry _typeMetadata;

    // Status lists come from the app's own origin (plain http on loopback) or from public https hosts (CheckerHttpHandler
    // enforces both); DID documents only from public https hosts.
    private static readonly HttpFetchOptions s_statusFetch = HttpFetchOptions.Default with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback };

    /// <summary>Creates the checker.</summary>
    /// <param name="sampleTrust">The app's own sample issuers.</param>
    /// <param name="data">The data folder (for the optional trust list).</param>
    /// <param name="origin">The app's origin: its status lists may be fetched over loopback.</param>
    /// <param name="time">The clock.</param>
    public CredentialChecker(SampleTrust sampleTrust, WebData data, WebOrigin origin, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(origin);
        _sampleTrust = sampleTrust ?? throw new ArgumentNullException(nameof(sampleTrust));
        _data = data ?? throw new ArgumentNullException(nameof(data));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _http = new HttpClient(new CheckerHttpHandler(() => OwnOrigin(origin)), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _dids = DidResolver.CreateDefault(_http, new DidWebResolverOptions { Http = HttpFetchOptions.Default });
        _typeMetadata = CredentialTypes.CreateMetadataRegistry();
    }

    /// <summary>Checks one credential (its bytes: text, or a baked PNG or SVG image).</summary>
    /// <param name="credential">What was pasted or dropped.</param>
    /// <param name="cancellationToken">Cancels the fetches.</param>
    public async Task<CheckReport> CheckAsync(ReadOnlyMemory<byte> credential, CancellationToken cancellationToken)
    {
        if (credential.Length > MaxCredentialBytes)
        {
            return TooLarge;
        }

        var image = CredentialFormats.DetectImage(credential.Span);
        var text = image is null ? DecodeText(credential.Span) : null;
        if (image is null && text is null)
        {
            return Problem(CheckerErrors.NotText, "画像（PNG・SVG）でもテキストでもないファイルです。資格情報のファイルを選んでください。", "This file is neither an image (PNG, SVG) nor text: choose the credential's file.");
        }

        if (image is null && text!.Length == 0)
        {
            return Problem(CheckerErrors.Empty, "証明書が空です。貼り付けるかファイルを選んでください。", "Nothing to check: paste a credential or choose a file.");
        }

        if (text is not null && MdocFiles.LooksLikeMdoc(text))
        {
            return Problem(CheckerErrors.Mdoc, "mdoc（ISO 18013-5）はこのページでは確認できません（セッションに結び付いた提示のため）。", "An mdoc (ISO 18013-5) cannot be checked on this page: it is bound to a presentation session.", CredentialFormats.Mdoc, "mdoc（ISO 18013-5）", "mdoc (ISO 18013-5)");
        }

        using var trust = LoadTrust();
        var format = image ?? CredentialFormats.Detect(text!);
        if (format == CredentialFormats.SdJwtVc)
        {
            return await CheckSdJwtVcAsync(text!, trust.Checker, cancellationToken).ConfigureAwait(false);
        }

        return await CheckW3cAsync(credential, text, format, trust.Checker, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The issuers this checker trusts now: the app's sample issuers and those of the optional trust list.</summary>
    public IReadOnlyList<TrustedIssuer> TrustedIssuers()
    {
        using var trust = LoadTrust();
        return [.. trust.Issuers];
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<CheckReport> CheckSdJwtVcAsync(string presentation, CheckerTrust trust, CancellationToken cancellationToken)
    {
        // The page has no nonce or audience of its own to expect: a presentation's KB-JWT is verified (holder signature,
        // sd_hash, iat) and its aud and nonce only reported; an issued credential without one is accepted as it is.
        var token = SdJwtToken.Read(presentation);
        var hasKeyBinding = token.IsValid && token.Value.KeyBindingJwt is not null;
        // The status list token's signing key is found under the token's own iss in the same trust as the credential's
        // (the sample issuers' tokens name their issuer; iss is optional in a Status List Token, draft-ietf-oauth-status-list
        // §5.1, and a token without one cannot be matched to a trusted key here, so its status check fails).
        var statusLists = new HttpStatusListResolver(
            _http,
            new StatusListTokenVerifier(trust, new StatusListTokenVerifierOptions { TimeProvider = _time }),
            new HttpStatusListResolverOptions { TimeProvider = _time, Http = s_statusFetch with { MaxResponseBytes = HttpStatusListResolverOptions.Default.Http.MaxResponseBytes } });
        // A credential as issued may carry no holder key (cnf): it is checked, and the page says nothing binds it to a holder.
        var verifier = new SdJwtVcVerifier(trust, statusLists, _typeMetadata, new SdJwtVcVerifierOptions { TimeProvider = _time, RequireConfirmationKey = false });
        var result = await verifier.VerifyAsync(
            presentation,
            new SdJwtVcPolicy
            {
                KeyBinding = hasKeyBinding ? KeyBindingRequirement.RequiredAudienceAndNonceUnchecked : KeyBindingRequirement.Forbidden,
                IssuerAuthorization = trust,
                Status = StatusCheck.IfPresent,
            },
            cancellationToken).ConfigureAwait(false);

        var checks = result.Checks.Select(c =>
        {
            var (ja, en) = CheckExplanations.Name(c.Check);
            return Line(c.Check.ToString(), ja, en, c.Outcome, c.Error ?? (c.Outcome == CheckOutcome.Failed ? result.Error : null));
        }).ToImmutableArray();
        var notes = ImmutableArray.CreateBuilder<CheckNote>();
        notes.Add(hasKeyBinding
            ? new CheckNote(
                "鍵束縛あり：提示者が所持者の鍵を持つことは確認しましたが、このページは nonce（使い捨ての値）と宛先（aud）を発行していないため照合していません。別の相手に提示されたものの再利用かどうかは分かりません。",
                "Key binding present: the presenter holds the holder's key, but this page issued no nonce or audience, so they were not compared: it cannot tell a replay of a presentation made for someone else.")
            : new CheckNote(
                "鍵束縛なし：発行されたままの証明書です。貼り付けた人が本人（所持者）かどうかは確認できません。",
                "No key binding: this is the credential as issued. Whoever pasted it is not proven to be its holder."));

        var formatJa = hasKeyBinding ? "SD-JWT VC（鍵束縛付きの提示）" : "SD-JWT VC";
        var formatEn = hasKeyBinding ? "SD-JWT VC (presentation with key binding)" : "SD-JWT VC";
        if (!result.IsValid)
        {
            var (errorJa, errorEn) = CheckExplanations.Explain(result.Error!);
            // Read without verification, only to say who the credential claims to be from.
            var claimed = token.IsValid ? ClaimedIssuer.FromJwt(token.Value.IssuerSignedJwt) : null;
            return new CheckReport
            {
                Format = CredentialFormats.SdJwtVc,
                FormatJapanese = formatJa,
                FormatEnglish = formatEn,
                Checks = checks,
                IssuerTrusted = result.OutcomeOf(CheckKind.IssuerTrust) == CheckOutcome.Passed,
                ClaimedIssuer = claimed?.Id,
                State = StateOf(result.Error!),
                ErrorCodes = CheckExplanations.Codes(result.Error!),
                ErrorJapanese = errorJa,
                ErrorEnglish = errorEn,
                Notes = notes.ToImmutable(),
            };
        }

        var credential = result.Value;
        var metadata = credential.TypeMetadata;
        // Every claim but the registered ones, as the issuer structured it (objects and arrays nested, within
        // ClaimTree's bounds), each marked when the holder disclosed it.
        var disclosedPaths = credential.DisclosedPaths.ToHashSet();
        var tree = new ClaimTree(metadata, disclosedPaths.Contains);
        var claims = ImmutableArray.CreateBuilder<ClaimLine>();
        var claimsNotShown = 0;
        foreach (var member in credential.Claims.EnumerateObject())
        {
            if (s_registered.Contains(member.Name) || member.Name.StartsWith('_'))
            {
                continue;
            }

            if (tree.Line(ClaimPath.Of(member.Name), member.Name, member.Value) is { } line)
            {
                claims.Add(line);
            }
            else
            {
                claimsNotShown++;
            }
        }

        var status = credential.Status;
        if (status is null)
        {
            notes.Add(new CheckNote("この証明書には失効リストの参照がありません（失効させる手段がありません）。", "This credential names no status list: its issuer has no way to revoke it."));
        }

        return new CheckReport
        {
            Format = CredentialFormats.SdJwtVc,
            FormatJapanese = formatJa,
            FormatEnglish = formatEn,
            Verified = true,
            IssuerTrusted = true,
            IssuerId = credential.Issuer,
            IssuerName = trust.Find(credential.Issuer)?.Name,
            TypeId = credential.Vct,
            TypeJapanese = metadata?.GetName("ja-JP"),
            TypeEnglish = metadata?.GetName("en-US"),
            Claims = claims.ToImmutable(),
            ClaimsNotShown = claimsNotShown,
            Checks = checks,
            State = status is null || status.Value.IsValid ? CredentialState.Valid
                : status.Value.IsSuspended ? CredentialState.Suspended
                : status.Value.IsInvalid ? CredentialState.Revoked
                : CredentialState.Unknown,
            Notes = notes.ToImmutable(),
        };
    }

    private async Task<CheckReport> CheckW3cAsync(ReadOnlyMemory<byte> document, string? text, string format, CheckerTrust trust, CancellationToken cancellationToken)
    {
        var options = new W3cCredentialVerifierOptions
        {
            // Only issuers on the checker's lists are trusted; the proof's key must belong to the issuer (its DID).
            TrustedIssuers = trust.IssuerIds,
            Status = StatusCheck.IfPresent,
            TimeProvider = _time,
            DataIntegrity = DataIntegrityVerifierOptions.Default with { TimeProvider = _time },
            VcJwt = new VcJwtVerifierOptions { TimeProvider = _time },
            OpenBadgeJwt = OpenBadgeJwtVerifierOptions.Default with { TimeProvider = _time },
        };
        var listVerifier = new W3cCredentialVerifier(_dids, options with { Status = StatusCheck.Skip });
        var statusLists = new BitstringStatusListResolver(listVerifier, new HttpFetcher(_http, s_statusFetch, _time), timeProvider: _time);

        VerificationResult<VerifiedW3cCredential> result;
        List<CheckLine> checks;
        var isBadge = format is CredentialFormats.BakedPng or CredentialFormats.BakedSvg || CredentialFormats.LooksLikeBadge(document.Span);
        if (isBadge)
        {
            var badgeResult = text is null
                ? await new OpenBadgeVerifier(_dids, new OpenBadgeVerifierOptions { Credential = options }, statusLists).VerifyAsync(document, cancellationToken).ConfigureAwait(false)
                : await new OpenBadgeVerifier(_dids, new OpenBadgeVerifierOptions { Credential = options }, statusLists).VerifyTextAsync(text, cancellationToken).ConfigureAwait(false);
            result = badgeResult;
            checks = [.. badgeResult.Checks.Select(c => W3cLine(c, badgeResult.Error))];
            checks.Add(Line("OpenBadgeModel", "Open Badges 3.0 の構造", "Open Badges 3.0 structure", badgeResult.Model, badgeResult.Model == CheckOutcome.Failed ? badgeResult.Error : null));
            checks.Add(Line("OpenBadgeSchema", "Open Badges 3.0 の JSON スキーマ", "Open Badges 3.0 JSON Schema", badgeResult.Schema, badgeResult.Schema == CheckOutcome.Failed ? badgeResult.Error : null));
            if (badgeResult.Format == OpenBadgeVerifierFormat.CompactJws || (result.IsValid && result.Value.SecuringMechanism == "openbadges-jwt"))
            {
                format = CredentialFormats.Ob3Jwt;
            }
        }
        else
        {
            var w3cResult = await new W3cCredentialVerifier(_dids, options, statusLists).VerifyAsync(text!, cancellationToken).ConfigureAwait(false);
            result = w3cResult;
            checks = [.. w3cResult.Checks.Select(c => W3cLine(c, w3cResult.Error))];
        }

        var (formatJa, formatEn) = DescribeFormat(format, isBadge);
        if (!result.IsValid)
        {
            var (errorJa, errorEn) = CheckExplanations.Explain(result.Error!);
            // Read without verification (from the JSON, the JWT's payload or the baked image), only to say who the
            // credential claims to be from.
            var claimed = ClaimedIssuer.FromW3c(document, text);
            return new CheckReport
            {
                Format = format,
                FormatJapanese = formatJa,
                FormatEnglish = formatEn,
                Checks = [.. checks],
                IssuerTrusted = checks.Any(c => c.Check == nameof(W3cCheckKind.IssuerTrust) && c.Outcome == CheckOutcomeView.Passed),
                ClaimedIssuer = claimed?.Id,
                ClaimedIssuerNameJapanese = claimed?.NameJapanese,
                ClaimedIssuerNameEnglish = claimed?.NameEnglish,
                State = StateOf(result.Error!),
                ErrorCodes = CheckExplanations.Codes(result.Error!),
                ErrorJapanese = errorJa,
                ErrorEnglish = errorEn,
            };
        }

        var verified = result.Value;
        var credential = verified.Credential;
        var claims = ImmutableArray.CreateBuilder<ClaimLine>();
        var claimsNotShown = 0;
        string? achievementJa = null, achievementEn = null, issuerName = trust.Find(verified.Issuer)?.Name;
        var badge = isBadge ? OpenBadgeCredential.From(credential) : null;
        if (badge is { IsValid: true })
        {
            var ob = badge.Value;
            issuerName = ob.Issuer.Name ?? issuerName;
            achievementJa = ob.Achievement.Name.Get(OpenBadgeMapping.Japanese) ?? ob.Achievement.Name.ToString();
            achievementEn = ob.Achievement.Name.Get(OpenBadgeMapping.English) ?? ob.Achievement.Name.ToString();
            claims.Add(Text("credentialSubject.achievement.name", "達成内容", "Achievement", achievementJa, achievementEn));
            claims.Add(Text("credentialSubject.achievement.id", "達成内容の ID", "Achievement id", ob.Achievement.Id));
            if (ob.Achievement.AchievementType is { } achievementType)
            {
                claims.Add(Text("credentialSubject.achievement.achievementType", "種類", "Achievement type", achievementType));
            }

            if (ob.Achievement.Description.Values.Length > 0)
            {
                claims.Add(Text(
                    "credentialSubject.achievement.description",
                    "説明",
                    "Description",
                    ob.Achievement.Description.Get(OpenBadgeMapping.Japanese) ?? ob.Achievement.Description.ToString(),
                    ob.Achievement.Description.Get(OpenBadgeMapping.English) ?? ob.Achievement.Description.ToString()));
            }

            if (ob.Achievement.Criteria.Narrative is { } criteria)
            {
                claims.Add(Text("credentialSubject.achievement.criteria.narrative", "取得基準", "Criteria", criteria));
            }

            foreach (var alignment in ob.Achievement.Alignments)
            {
                claims.Add(Text("credentialSubject.achievement.alignment", "対応する枠組み", "Alignment", $"{alignment.TargetCode} {alignment.TargetName}".Trim()));
            }

            var facts = BadgeFacts.FromOpenBadge(ob);
            if (facts is not null)
            {
                claims.Add(Text("awardedDate", "授与日", "Awarded on", JapaneseEra.FormatForDisplay(facts.AwardedDate, UiLanguage.Japanese), JapaneseEra.FormatForDisplay(facts.AwardedDate, UiLanguage.English)));
                foreach (var r in facts.Results)
                {
                    claims.Add(Text("credentialSubject.result", "結果", "Result", $"{r.Name}: {r.Value}"));
                }
            }

            claims.Add(Text("credentialSubject", "受領者", "Recipient", Recipient(ob.Subject)));
        }
        else
        {
            var tree = new ClaimTree(metadata: null);
            foreach (var subject in credential.CredentialSubjects)
            {
                if (subject.Json.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var member in subject.Json.EnumerateObject())
                {
                    if (tree.Line(ClaimPath.Of("credentialSubject", member.Name), member.Name, member.Value) is { } line)
                    {
                        claims.Add(line);
                    }
                    else
                    {
                        claimsNotShown++;
                    }
                }
            }
        }

        var notes = ImmutableArray.CreateBuilder<CheckNote>();
        if (format is CredentialFormats.BakedPng or CredentialFormats.BakedSvg)
        {
            notes.Add(new CheckNote("画像に焼き込まれたバッジを取り出して確認しました。画像の見た目は確認の対象ではありません。", "The badge baked into the image was extracted and verified; the picture itself proves nothing."));
        }

        if (credential.CredentialStatus.IsDefaultOrEmpty)
        {
            notes.Add(new CheckNote("この証明書には失効リストの参照がありません（失効させる手段がありません）。", "This credential names no status list: its issuer has no way to revoke it."));
        }

        notes.Add(new CheckNote(
            "W3C 形式の証明書には所持者の鍵束縛がありません。提示した人が受領者本人かどうかは、別の方法で確かめてください。",
            "A W3C credential carries no key binding: check by other means that whoever presented it is its recipient."));

        return new CheckReport
        {
            Format = format,
            FormatJapanese = formatJa,
            FormatEnglish = formatEn,
            Verified = true,
            IssuerTrusted = true,
            IssuerId = verified.Issuer,
            IssuerName = issuerName,
            TypeId = string.Join(", ", credential.Types),
            TypeJapanese = credential.Name?.GetOrFirst(OpenBadgeMapping.Japanese),
            TypeEnglish = credential.Name?.GetOrFirst(OpenBadgeMapping.English),
            AchievementJapanese = achievementJa,
            AchievementEnglish = achievementEn,
            Claims = claims.ToImmutable(),
            ClaimsNotShown = claimsNotShown,
            Checks = [.. checks],
            State = CredentialState.Valid,
            Notes = notes.ToImmutable(),
        };
    }

    private TrustScope LoadTrust()
    {
        var path = Path.Combine(_data.Directory, TrustListFileName);
        TrustList? extra = null;
        if (File.Exists(path))
        {
            try
            {
                extra = TrustList.Parse(File.ReadAllText(path), new DidIssuerKeyResolver(_dids));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or JsonException or IOException)
            {
                // A damaged list trusts nobody more; the sample issuers stay trusted.
                extra = null;
            }
        }

        return new TrustScope(extra, new CheckerTrust(_sampleTrust.List, extra), [.. _sampleTrust.Issuers.Concat(extra?.Issuers ?? [])]);
    }

    private static CheckReport Problem(ErrorCode code, string japanese, string english, string format = "-", string formatJapanese = "（読み取れませんでした）", string formatEnglish = "(not read)") => new()
    {
        Format = format,
        FormatJapanese = formatJapanese,
        FormatEnglish = formatEnglish,
        ErrorCodes = code.Value,
        ErrorJapanese = japanese,
        ErrorEnglish = english,
    };

    private static string? DecodeText(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).Trim().TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }


    private static Uri? OwnOrigin(WebOrigin origin)
    {
        try
        {
            return new Uri(origin.Value);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static CredentialState StateOf(VerificationError error)
    {
        for (var e = error; e is not null; e = e.Inner)
        {
            if (e.Code == StatusErrors.Revoked)
            {
                return CredentialState.Revoked;
            }

            if (e.Code == StatusErrors.Suspended)
            {
                return CredentialState.Suspended;
            }
        }

        return CredentialState.Unknown;
    }

    private static (string Japanese, string English) DescribeFormat(string format, bool badge) => format switch
    {
        CredentialFormats.BakedPng => ("オープンバッジ（PNG 画像に焼き込み）", "Open Badge baked into a PNG image"),
        CredentialFormats.BakedSvg => ("オープンバッジ（SVG 画像に焼き込み）", "Open Badge baked into an SVG image"),
        CredentialFormats.Ob3Jwt => ("オープンバッジ（JWT、VC-JOSE）", "Open Badge as a JWT (VC-JOSE)"),
        CredentialFormats.DataIntegrity when badge => ("オープンバッジ（JSON、Data Integrity 証明）", "Open Badge as JSON (Data Integrity proof)"),
        CredentialFormats.DataIntegrity => ("W3C 検証可能な証明書（JSON、Data Integrity 証明）", "W3C verifiable credential (JSON, Data Integrity proof)"),
        CredentialFormats.VcJwt when badge => ("オープンバッジ（JWT、VC-JOSE）", "Open Badge as a JWT (VC-JOSE)"),
        CredentialFormats.VcJwt => ("W3C 検証可能な証明書（vc+jwt）", "W3C verifiable credential (vc+jwt)"),
        _ => (format, format),
    };

    private static CheckLine W3cLine(W3cVerificationCheck check, VerificationError? overall)
    {
        var (ja, en) = CheckExplanations.Name(check.Check);
        return Line(check.Check.ToString(), ja, en, check.Outcome, check.Error ?? (check.Outcome == CheckOutcome.Failed ? overall : null));
    }

    private static CheckLine Line(string name, string japanese, string english, CheckOutcome outcome, VerificationError? error)
    {
        var view = CheckExplanations.View(outcome);
        if (error is null || view != CheckOutcomeView.Failed)
        {
            return new CheckLine(name, japanese, english, view);
        }

        var (explainJa, explainEn) = CheckExplanations.Explain(error);
        return new CheckLine(name, japanese, english, view, CheckExplanations.Codes(error), explainJa, explainEn);
    }


    private static ClaimLine Text(string path, string japanese, string english, string valueJapanese, string? valueEnglish = null)
        => new(path, japanese, english, valueJapanese, valueEnglish ?? valueJapanese);

    private static string Recipient(AchievementSubject subject)
    {
        if (subject.Id is { } id)
        {
            return id;
        }

        var identity = subject.Identifiers.FirstOrDefault();
        return identity is null ? "-" : $"{identity.IdentityType} ({(identity.Hashed ? "hashed" : "plain")})";
    }


    private sealed class TrustScope(TrustList? extra, CheckerTrust checker, IReadOnlyList<TrustedIssuer> issuers) : IDisposable
    {
        public CheckerTrust Checker { get; } = checker;

        public IReadOnlyList<TrustedIssuer> Issuers { get; } = issuers;

        public void Dispose() => extra?.Dispose();
    }
}
