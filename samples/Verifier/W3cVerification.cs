using System;
using System.Collections.Generic;
using System.Buffers.Text;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Samples.Common;
using Credentials.W3c;
using Credentials.W3c.BitstringStatus;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.OpenBadges;
using Credentials.W3c.OpenBadges.Baking;
using Credentials.W3c.VcJose;
using Spectre.Console;

namespace Credentials.Samples.Verifier;

/// <summary>
/// <c>verifier verify</c> for W3C Verifiable Credentials 2.0 (<c>vc+jwt</c> or Data Integrity): the proof, that the key
/// belongs to the issuer, the issuer against <c>--trust</c> (when given), the data model, the validity period and the
/// Bitstring Status List entries (fetched through the guarded HTTP client). Open Badges 3.0 go through the
/// <see cref="OpenBadgeVerifier"/> facade too, which also reads a badge baked into a PNG or SVG image; a verified badge
/// is shown as a badge (issuer, achievement, alignments, award date, results, status).
/// </summary>
internal static class W3cVerification
{
    /// <summary>The warning in the <c>--json</c> result when no <c>--trust</c> was given: the issuer was only reported.</summary>
    public const string IssuerNotCheckedCode = "verifier.issuer_not_checked";

    private const string IssuerNotCheckedMessage = "The issuer was not checked against any trust anchor (no --trust): the proof shows the credential comes from this issuer's key and was not changed, not that the issuer is one you trust.";

    /// <summary>What the command line says about trust and status.</summary>
    /// <param name="Trust">The <c>--trust</c> value, or <see langword="null"/>.</param>
    /// <param name="AllowLocalNetwork">Allow http:// and loopback for DID documents and status lists.</param>
    /// <param name="SkipStatus">Do not check <c>credentialStatus</c>.</param>
    /// <param name="RequireStatus">Refuse a credential without <c>credentialStatus</c>.</param>
    public sealed record Settings(string? Trust, bool AllowLocalNetwork, bool SkipStatus, bool RequireStatus);

    public static async Task<int> RunAsync(CliContext context, UiLanguage language, ReadOnlyMemory<byte> document, string format, Settings settings, CancellationToken cancellationToken)
    {
        using var issuers = settings.Trust is null ? null : IssuerTrust.Load(settings.Trust, settings.AllowLocalNetwork);
        var timeProvider = context.Host.TimeProvider;

        // DID documents (did:web) and status lists travel only through the guarded handler: https and public addresses,
        // or loopback and http:// with --allow-local-network.
        var fetch = HttpFetchOptions.Default with
        {
            RequireHttps = !settings.AllowLocalNetwork,
            AddressPolicy = settings.AllowLocalNetwork ? HttpAddressPolicy.PublicAndLoopback : HttpAddressPolicy.PublicOnly,
        };
        using var http = GuardedHttpHandler.CreateClient(fetch);
        var dids = DidResolver.CreateDefault(http, new DidWebResolverOptions { Http = fetch });

        // A DID or a trust list names the trusted issuers; a public JWK names a key, compared after verification.
        var trustedIssuers = issuers is { TrustedKey: null } ? issuers.Issuers.Select(i => i.Issuer).ToHashSet(StringComparer.Ordinal) : null;
        var options = new W3cCredentialVerifierOptions
        {
            TrustedIssuers = trustedIssuers,
            Status = settings.SkipStatus ? StatusCheck.Skip : settings.RequireStatus ? StatusCheck.Required : StatusCheck.IfPresent,
            TimeProvider = timeProvider,
            DataIntegrity = DataIntegrityVerifierOptions.Default with { TimeProvider = timeProvider },
            VcJwt = new VcJwtVerifierOptions { TimeProvider = timeProvider },
            OpenBadgeJwt = OpenBadgeJwtVerifierOptions.Default with { TimeProvider = timeProvider },
        };

        BitstringStatusListResolver? statusLists = null;
        if (!settings.SkipStatus)
        {
            // The status lists are verified like credentials, by the same trusted issuers, without a status of their own.
            var listVerifier = new W3cCredentialVerifier(dids, options with { Status = StatusCheck.Skip });
            statusLists = new BitstringStatusListResolver(listVerifier, new HttpFetcher(http, fetch, timeProvider), timeProvider: timeProvider);
        }

        // A badge (an image, or JSON or a JWT whose type names an Open Badge) goes through the OpenBadgeVerifier facade,
        // which adds the Open Badges model and schema to the W3C checks; any other W3C credential through W3cCredentialVerifier.
        VerificationResult<VerifiedW3cCredential> result;
        List<W3cVerificationCheck> checks;
        string? bakedIn = null;
        if (format is CredentialFormats.BakedPng or CredentialFormats.BakedSvg || CredentialFormats.LooksLikeBadge(document.Span))
        {
            var badgeResult = await new OpenBadgeVerifier(dids, new OpenBadgeVerifierOptions { Credential = options }, statusLists).VerifyAsync(document, cancellationToken).ConfigureAwait(false);
            bakedIn = badgeResult.Format switch
            {
                OpenBadgeVerifierFormat.BakedPng => "png",
                OpenBadgeVerifierFormat.BakedSvg => "svg",
                _ => null,
            };
            result = badgeResult;
            checks = [.. badgeResult.Checks];
        }
        else
        {
            var w3cResult = await new W3cCredentialVerifier(dids, options, statusLists).VerifyAsync(System.Text.Encoding.UTF8.GetString(document.Span), cancellationToken).ConfigureAwait(false);
            result = w3cResult;
            checks = [.. w3cResult.Checks];
        }

        var error = result.IsValid ? null : result.Error;
        if (result.IsValid && issuers is not null)
        {
            var keyError = await CheckTrustedKeyAsync(dids, issuers, result.Value, cancellationToken).ConfigureAwait(false);
            var index = checks.FindIndex(c => c.Check == W3cCheckKind.IssuerTrust);
            if (keyError is not null || index >= 0)
            {
                var outcome = keyError is null ? new W3cVerificationCheck(W3cCheckKind.IssuerTrust, CheckOutcome.Passed) : new W3cVerificationCheck(W3cCheckKind.IssuerTrust, CheckOutcome.Failed, keyError);
                if (index >= 0)
                {
                    checks[index] = outcome;
                }
                else
                {
                    checks.Insert(Math.Min(1, checks.Count), outcome);
                }
            }

            error = keyError;
        }

        if (error is not null)
        {
            return Rejected(context, language, format, error, checks);
        }

        var verified = result.Value;
        if (verified.SecuringMechanism == "openbadges-jwt")
        {
            format = CredentialFormats.Ob3Jwt;
        }

        var trusted = issuers is not null;
        var badge = BadgeDisplay.IsBadge(verified.Credential) ? BadgeDisplay.Describe(verified.Credential, checks, bakedIn) : null;
        var subjects = new JsonArray();
        foreach (var subject in verified.Credential.CredentialSubjects)
        {
            subjects.Add(JsonNode.Parse(subject.Json.GetRawText()));
        }

        var json = new JsonObject
        {
            ["valid"] = true,
            ["format"] = format,
            ["securingMechanism"] = verified.SecuringMechanism,
            ["algorithm"] = verified.Algorithm,
            ["issuer"] = verified.Issuer,
            ["verificationMethod"] = verified.VerificationMethod,
            ["issuerTrusted"] = trusted,
            ["trust"] = issuers?.Description,
            ["id"] = verified.Credential.Id,
            ["types"] = new JsonArray([.. verified.Credential.Types.Select(t => (JsonNode)JsonValue.Create(t))]),
            ["name"] = verified.Credential.Name?.GetOrFirst(language.ToLocale()),
            ["validFrom"] = verified.Credential.ValidFrom?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["validUntil"] = verified.Credential.ValidUntil?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["credentialSubject"] = subjects,
            ["warnings"] = trusted
                ? new JsonArray()
                : new JsonArray(new JsonObject { ["code"] = IssuerNotCheckedCode, ["message"] = IssuerNotCheckedMessage }),
            ["checks"] = ChecksJson(checks, null),
        };
        if (badge is not null)
        {
            json["badge"] = badge;
        }

        return context.Result(json, console =>
        {
            var credential = verified.Credential;
            console.Write(new Text(credential.Name?.GetOrFirst(language.ToLocale()) ?? string.Join(", ", credential.Types), new Style(decoration: Decoration.Bold)));
            console.WriteLine();
            console.WriteLine(Markup.Escape(language.Pick("形式: ", "Format: ")), verified.SecuringMechanism);
            console.WriteLine(Markup.Escape(language.Pick("発行者: ", "Issuer: ")), verified.Issuer);
            if (!trusted)
            {
                console.Write(new Text(
                    language.Pick(
                        "⚠ 発行者は信頼の基点と照合していません（--trust なし）。署名はこの発行者の鍵によるもので改ざんがないことを示しますが、信頼できる発行者かどうかは確認していません。",
                        "⚠ Issuer not checked against any trust anchor (no --trust): the proof shows this issuer's key signed it and nothing was changed, not that you trust the issuer."),
                    new Style(Color.Yellow)));
                console.WriteLine();
            }

            console.WriteLine(Markup.Escape(language.Pick("種類: ", "Type: ")), string.Join(", ", credential.Types));
            if (credential.ValidFrom is not null || credential.ValidUntil is not null)
            {
                console.WriteLine(
                    Markup.Escape(language.Pick("有効期間: ", "Valid: ")),
                    $"{credential.ValidFrom?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} – {credential.ValidUntil?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
            }

            var table = new Table().AddColumn(language.Pick("主体の項目", "Subject claim")).AddColumn(language.Pick("値", "Value"));
            foreach (var subject in credential.CredentialSubjects)
            {
                foreach (var (path, value) in Flatten(subject.Json, string.Empty))
                {
                    table.AddPlainRow(path, ClaimValues.Display(value, language));
                }
            }

            if (badge is not null)
            {
                BadgeDisplay.Write(console, badge, language);
            }
            else
            {
                console.Write(table);
            }

            console.Write(ChecksTable(checks, null, language));
            console.MarkupLine("[green]✓ " + Markup.Escape(language.Pick("検証に成功しました", "Verified")) + "[/]"
                + (trusted ? string.Empty : " [yellow]" + Markup.Escape(language.Pick("（発行者の信頼は未確認）", "(issuer trust not checked)")) + "[/]"));
        });
    }

    /// <summary>
    /// With a public JWK as <c>--trust</c>, the key that verified the credential must be that key; with a trust list that
    /// pins keys for the issuer, one of them. The key is the one the issuer's DID names for the proof.
    /// </summary>
    private static async Task<VerificationError?> CheckTrustedKeyAsync(DidResolver dids, IssuerTrust issuers, VerifiedW3cCredential verified, CancellationToken cancellationToken)
    {
        IReadOnlyList<Jwk> keys = issuers.TrustedKey is { } trustedKey
            ? [trustedKey]
            : issuers.Issuers.FirstOrDefault(i => i.Issuer == verified.Issuer) is { Keys.IsDefaultOrEmpty: false } entry ? entry.Keys : [];
        if (keys.Count == 0)
        {
            return null;
        }

        var used = await dids.ResolveAssertionKeyAsync(verified.Issuer, verified.VerificationMethod, cancellationToken).ConfigureAwait(false);
        if (!used.IsValid)
        {
            return new VerificationError(VcErrors.UntrustedIssuer, "The key that verified the credential could not be compared with the trusted key.") { Inner = used.Error };
        }

        var thumbprint = used.Value.ComputeThumbprint();
        return keys.Any(k => k.ComputeThumbprint() == thumbprint)
            ? null
            : new VerificationError(VcErrors.UntrustedIssuer, "The issuer's key is not a key given with --trust.");
    }

    /// <summary>The members of a subject as dotted paths (passed.name), nested objects opened; arrays stay whole.</summary>
    private static IEnumerable<(string Path, JsonElement Value)> Flatten(JsonElement value, string prefix)
    {
        foreach (var member in value.EnumerateObject())
        {
            var path = prefix.Length == 0 ? member.Name : prefix + "." + member.Name;
            if (member.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var nested in Flatten(member.Value, path))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return (path, member.Value);
            }
        }
    }

    private static int Rejected(CliContext context, UiLanguage language, string format, VerificationError error, List<W3cVerificationCheck> checks)
    {
        var hint = HintFor(error, format);
        var json = new JsonObject
        {
            ["valid"] = false,
            ["format"] = format,
            ["error"] = ClaimValues.ToJson(error),
            ["checks"] = ChecksJson(checks, error),
            ["hint"] = hint,
        };
        return context.NegativeResult(json, console =>
        {
            console.MarkupLine("[red]✗ " + Markup.Escape(language.Pick("検証に失敗しました", "Verification failed")) + "[/] " + Markup.Escape($"({format})"));
            console.Write(ChecksTable(checks, error, language));
            if (hint is not null)
            {
                console.WriteLine(string.Empty, hint);
            }
        });
    }

    private static Table ChecksTable(List<W3cVerificationCheck> checks, VerificationError? error, UiLanguage language)
    {
        var table = new Table().AddColumn(language.Pick("検査", "Check")).AddColumn(language.Pick("結果", "Result")).AddColumn(language.Pick("エラーコード", "Error code")).AddColumn(language.Pick("理由", "Reason"));
        foreach (var check in checks)
        {
            var failed = check.Outcome == CheckOutcome.Failed;
            var checkError = check.Error ?? (failed ? error : null);
            table.AddRow(
                CliText.Plain(check.Check.ToString()),
                new Markup(VerifyCommand.Outcome(check.Outcome, language)),
                new Text(failed && checkError is not null ? VerifyCommand.Codes(checkError) : "", new Style(Color.Red)),
                CliText.Plain(failed && checkError is not null ? ClaimValues.Describe(checkError) : ""));
        }

        return table;
    }

    private static JsonArray ChecksJson(List<W3cVerificationCheck> checks, VerificationError? error)
    {
        var array = new JsonArray();
        foreach (var check in checks)
        {
            var item = new JsonObject { ["check"] = check.Check.ToString(), ["outcome"] = check.Outcome.ToString() };
            var checkError = check.Error ?? (check.Outcome == CheckOutcome.Failed ? error : null);
            if (checkError is not null)
            {
                item["error"] = ClaimValues.ToJson(checkError);
            }

            array.Add(item);
        }

        return array;
    }

    private static string? HintFor(VerificationError error, string format)
    {
        var code = error.Code;
        if (code == DataIntegrityErrors.InvalidSignature || code == JoseErrors.InvalidSignature)
        {
            return "The issuer's proof does not match the credential's content: it was changed or damaged after it was signed. Ask the issuer for the credential again.";
        }

        if (code == VcErrors.UntrustedIssuer)
        {
            return "The issuer (or its key) is not one you trust: pass its DID, its public JWK or a trust list that lists it with --trust, if you mean to trust it.";
        }

        if (code == VcErrors.IssuerKeyMismatch || code == VcJoseErrors.KeyMismatch || code == VcJoseErrors.IssuerMismatch)
        {
            return "The credential was signed with a key that does not belong to its issuer: someone else signed it in the issuer's name.";
        }

        if (code == VcErrors.UnrecognizedFormat || code.IsInFamily("vc"))
        {
            return format == CredentialFormats.DataIntegrity
                ? "The file is not a W3C Verifiable Credential 2.0 with an embedded proof (sign one with 'issuer sign')."
                : "The file is not a W3C Verifiable Credential 2.0 secured as a vc+jwt (sign one with 'issuer sign --suite vc-jwt').";
        }

        if (code.IsInFamily("bake"))
        {
            return "The image carries no badge that can be read (bake one with 'issuer bake'), or it was damaged: ask the issuer or the holder for the badge again.";
        }

        if (code == BitstringStatusErrors.RetrievalFailed)
        {
            return "The status list could not be fetched: check the network (--allow-local-network for a list on this machine), or pass --skip-status to skip the check (offline use only: a revoked credential is then accepted).";
        }

        return null;
    }
}
