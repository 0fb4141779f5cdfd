using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Samples.Common;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Spectre.Console;

namespace Credentials.Samples.Verifier;

/// <summary>
/// <c>verifier verify</c>: verifies an SD-JWT VC presentation, a <c>vc+jwt</c>, a Data Integrity credential or an Open
/// Badge (JSON, JWT, or baked into a PNG or SVG image) (the
/// form is recognised from the file) and prints what it says (exit 0), or every failed check with its error code (exit 1).
/// </summary>
internal static class VerifyCommand
{
    /// <summary>A claim named in <c>--require</c> was not disclosed.</summary>
    public const string RequiredClaimMissingCode = "verifier.required_claim_missing";

    /// <summary>The warning in the <c>--json</c> result when a KB-JWT's audience and nonce were reported, not checked.</summary>
    public const string AudienceAndNonceNotCheckedCode = "verifier.aud_nonce_not_checked";

    private const string UncheckedMessage = "The Key Binding JWT's aud and nonce were not checked (no --aud/--nonce): the presenter holds the key, but the presentation may have been made for another verifier or session.";

    /// <summary>The plaintext claims every SD-JWT VC carries; not listed among the disclosed claims.</summary>
    private static readonly HashSet<string> s_registered = new(StringComparer.Ordinal)
    {
        "iss", "sub", "iat", "nbf", "exp", "cnf", "vct", "vct#integrity", "status", "_sd_alg",
    };

    public static Command Create(CliHost host)
    {
        var presentationFile = new Option<string>("--credential", "--presentation", "-p") { Required = true };
        var trust = new Option<string?>("--trust");
        var trustX5cRoot = new Option<string[]>("--trust-x5c-root");
        var audience = new Option<string?>("--aud");
        var nonce = new Option<string?>("--nonce");
        var responseUri = new Option<string?>("--response-uri");
        var vct = new Option<string[]>("--vct");
        var require = new Option<string[]>("--require");
        var skipStatus = new Option<bool>("--skip-status");
        var requireStatus = VerifierServer.RequireStatusOption();
        var allowLocal = new Option<bool>("--allow-local-network");
        var lang = new Option<string?>("--lang").AcceptOnlyFromAmong("ja", "en");
        var command = new Command("verify")
        {
            presentationFile, trust, trustX5cRoot, audience, nonce, responseUri, vct, require, skipStatus, requireStatus, allowLocal, lang,
        };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var language = context.GetValue(lang) is { } tag ? UiLanguages.FromTag(tag) : context.Language;
            var locale = language.ToLocale();
            var aud = context.GetValue(audience);
            var nonceValue = context.GetValue(nonce);
            if (string.IsNullOrEmpty(aud) != string.IsNullOrEmpty(nonceValue))
            {
                throw new CliException(CliErrors.InvalidOption(
                    string.IsNullOrEmpty(aud) ? "--aud" : "--nonce",
                    "--aud and --nonce go together.",
                    "Give both to require key binding for this verifier and nonce, or neither to accept any holder binding."));
            }

            var required = (context.GetValue(require) ?? []).SelectMany(ClaimPathSyntax.ParseList).Distinct().ToList();
            var vcts = (context.GetValue(vct) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var x5cRoots = context.GetValue(trustX5cRoot) ?? [];
            var path = context.GetValue(presentationFile)!;
            var bytes = CliFiles.ReadAllBytes(path, "credential");
            var image = CredentialFormats.DetectImage(bytes);
            var presentation = image is null ? CliFiles.ReadAllText(path, "credential").Trim() : string.Empty;
            if (image is null && MdocFiles.LooksLikeMdoc(presentation))
            {
                foreach (var (name, given) in new[] { ("--vct", vcts.Count > 0), ("--require", required.Count > 0), ("--skip-status", context.GetValue(skipStatus)), ("--trust-x5c-root", x5cRoots.Length > 0) })
                {
                    if (given)
                    {
                        throw new CliException(CliErrors.InvalidOption(name, "applies to SD-JWT VC presentations, and this is an mdoc DeviceResponse.", "Leave it out for an mdoc."));
                    }
                }

                return MdocVerification.Run(context, language, presentation, new MdocVerification.Settings(context.GetValue(trust), aud, nonceValue, context.GetValue(responseUri)));
            }

            if (context.GetValue(responseUri) is not null)
            {
                throw new CliException(CliErrors.InvalidOption("--response-uri", "applies to mdoc presentations only (their session transcript binds it).", "Leave it out for this credential."));
            }

            var format = image ?? CredentialFormats.Detect(presentation);
            if (format != CredentialFormats.SdJwtVc)
            {
                // A W3C credential carries no disclosures and no key binding: the SD-JWT VC options do not apply to it.
                foreach (var (name, given) in new[] { ("--aud", aud is not null), ("--nonce", nonceValue is not null), ("--vct", vcts.Count > 0), ("--require", required.Count > 0), ("--trust-x5c-root", x5cRoots.Length > 0) })
                {
                    if (given)
                    {
                        throw new CliException(CliErrors.InvalidOption(name, $"applies to SD-JWT VC presentations only, and this is a W3C credential ({format}).", "Leave it out for a vc+jwt or Data Integrity credential."));
                    }
                }

                return await W3cVerification.RunAsync(
                    context,
                    language,
                    image is null ? System.Text.Encoding.UTF8.GetBytes(presentation) : bytes,
                    format,
                    new W3cVerification.Settings(context.GetValue(trust), context.GetValue(allowLocal), context.GetValue(skipStatus), context.GetValue(requireStatus)),
                    cancellationToken).ConfigureAwait(false);
            }

            var trustValue = context.GetValue(trust);
            if (trustValue is null && x5cRoots.Length == 0)
            {
                throw new CliException(CliErrors.InvalidOption(
                    "--trust",
                    "is required for an SD-JWT VC presentation.",
                    "Pass the issuer's public JWK file, its DID or a trust list with --trust, or the root certificate of an issuer with an x5c chain with --trust-x5c-root."));
            }

            using var issuers = trustValue is null ? null : IssuerTrust.Load(trustValue, context.GetValue(allowLocal));
            using var x5cTrust = x5cRoots.Length == 0 ? null : X5cTrust.Load(x5cRoots, issuers?.KeyResolver, host.TimeProvider, context.GetValue(allowLocal));

            // With --aud/--nonce the KB-JWT must be for exactly this verifier and nonce. Without them it is still verified
            // (holder signature, sd_hash, iat) but its aud and nonce are only reported: the output says so plainly.
            var keyBindingChecked = aud is not null;
            var keyBinding = keyBindingChecked
                ? KeyBindingRequirement.Required(aud!, nonceValue!)
                : SdJwtToken.Read(presentation) is { IsValid: true } parsed && parsed.Value.KeyBindingJwt is not null
                    ? KeyBindingRequirement.RequiredAudienceAndNonceUnchecked
                    : KeyBindingRequirement.Forbidden;

            var noStatus = context.GetValue(skipStatus);
            var verifier = new SdJwtVcVerifier(
                x5cTrust?.KeyResolver ?? issuers!.KeyResolver,
                noStatus ? null : x5cTrust?.CreateStatusResolver(host.TimeProvider) ?? issuers!.CreateStatusResolver(host.TimeProvider),
                ClaimValues.LoadTypeMetadata(),
                options: new SdJwtVcVerifierOptions { TimeProvider = host.TimeProvider, RequireStatus = context.GetValue(requireStatus) });
            using var verification = x5cTrust?.BeginVerification();
            var result = presentation.Length == 0
                ? null
                : await verifier.VerifyAsync(
                    presentation,
                    new SdJwtVcPolicy
                    {
                        KeyBinding = keyBinding,
                        AcceptedVcts = vcts.Count > 0 ? vcts : null,
                        IssuerAuthorization = issuers?.Authorization,
                        Status = noStatus ? StatusCheck.Skip : StatusCheck.IfPresent,
                    },
                    cancellationToken);

            if (result is null || !result.IsValid)
            {
                var hint = result?.Error is not { } failure ? null
                    : X5cTrust.HintFor(failure) ?? (issuers is null ? null : TrustHints.For(failure, issuers, presentation));
                return Rejected(context, language, result, hint);
            }

            var credential = result.Value;
            var metadata = credential.TypeMetadata;
            var missing = required.Where(p => !IsPresent(credential, p)).ToList();
            var disclosed = credential.DisclosedPaths
                .Select(p => (Path: p, Label: ClaimValues.Label(metadata, p, locale), Found: ClaimValues.TryGet(credential.Claims, p, out var v), Value: v))
                .ToList();
            var plain = credential.Claims.EnumerateObject()
                .Where(p => !s_registered.Contains(p.Name) && !p.Name.StartsWith('_') && !credential.DisclosedPaths.Any(d => d.Length == 1 && d.Components[0].Name == p.Name))
                .Select(p => ClaimPath.Of(p.Name))
                .Select(p => (Path: p, Label: ClaimValues.Label(metadata, p, locale), Found: ClaimValues.TryGet(credential.Claims, p, out var v), Value: v))
                .ToList();
            var typeName = metadata?.GetName(locale);

            var json = new JsonObject
            {
                ["valid"] = missing.Count == 0,
                ["format"] = CredentialFormats.SdJwtVc,
                ["vct"] = credential.Vct,
                ["typeName"] = typeName,
                ["issuer"] = credential.Issuer,
                ["keyBinding"] = credential.KeyBinding is { } kb
                    ? new JsonObject
                    {
                        ["aud"] = kb.Audience,
                        ["nonce"] = kb.Nonce,
                        ["issuedAt"] = kb.IssuedAt.ToString("O"),
                        ["audAndNonceChecked"] = keyBindingChecked,
                        ["checked"] = new JsonArray(keyBindingChecked ? ["signature", "sd_hash", "iat", "aud", "nonce"] : ["signature", "sd_hash", "iat"]),
                        ["notChecked"] = new JsonArray(keyBindingChecked ? [] : ["aud", "nonce"]),
                    }
                    : null,
                ["warnings"] = credential.KeyBinding is not null && !keyBindingChecked
                    ? new JsonArray(new JsonObject { ["code"] = AudienceAndNonceNotCheckedCode, ["message"] = UncheckedMessage })
                    : new JsonArray(),
                ["status"] = credential.Status?.ToString(),
                ["disclosed"] = ClaimsJson(disclosed),
                ["alwaysVisible"] = ClaimsJson(plain),
                ["checks"] = ChecksJson(result),
            };

            if (missing.Count > 0)
            {
                var names = string.Join(", ", missing.Select(ClaimPathSyntax.Format));
                var error = new VerificationError(new ErrorCode(RequiredClaimMissingCode, VerificationFailureKind.PolicyViolation), $"Required claims were not disclosed: {names}.");
                json["error"] = ClaimValues.ToJson(error);
                json["missing"] = new JsonArray([.. missing.Select(p => JsonNode.Parse(p.ToString()))]);
                return context.NegativeResult(json, console =>
                {
                    WriteClaims(console, language, credential, typeName, disclosed, plain, keyBindingChecked);
                    console.WriteLine($"[red]✗ {Markup.Escape(language.Pick("要求した項目が開示されていません", "Required claims were not disclosed"))}[/] [grey]({RequiredClaimMissingCode})[/]: ", names);
                });
            }

            return context.Result(json, console =>
            {
                WriteClaims(console, language, credential, typeName, disclosed, plain, keyBindingChecked);
                console.MarkupLine("[green]✓ " + Markup.Escape(language.Pick("検証に成功しました", "Verified")) + "[/]"
                    + (credential.KeyBinding is not null && !keyBindingChecked ? " [yellow]" + Markup.Escape(language.Pick("（aud と nonce は未確認）", "(audience and nonce not checked)")) + "[/]" : ""));
            });
        });
        return command;
    }

    private static int Rejected(CliContext context, UiLanguage language, SdJwtVcVerificationResult? result, string? hint)
    {
        var error = result?.Error ?? new VerificationError(SdJwtErrors.Malformed, "The presentation file is empty.");
        var json = new JsonObject
        {
            ["valid"] = false,
            ["format"] = CredentialFormats.SdJwtVc,
            ["error"] = ClaimValues.ToJson(error),
            ["checks"] = result is null ? new JsonArray() : ChecksJson(result),
            ["hint"] = hint,
        };
        return context.NegativeResult(json, console =>
        {
            console.MarkupLine("[red]✗ " + Markup.Escape(language.Pick("検証に失敗しました", "Verification failed")) + "[/]");
            var table = new Table().AddColumn(language.Pick("検査", "Check")).AddColumn(language.Pick("結果", "Result")).AddColumn(language.Pick("エラーコード", "Error code")).AddColumn(language.Pick("理由", "Reason"));
            if (result is not null)
            {
                foreach (var check in result.Checks)
                {
                    var failed = check.Outcome == CheckOutcome.Failed;
                    var checkError = check.Error ?? (failed ? error : null);
                    table.AddRow(
                        CliText.Plain(check.Check.ToString()),
                        new Markup(Outcome(check.Outcome, language)),
                        new Text(failed && checkError is not null ? Codes(checkError) : "", new Style(Color.Red)),
                        CliText.Plain(failed && checkError is not null ? ClaimValues.Describe(checkError) : ""));
                }
            }
            else
            {
                table.AddRow(CliText.Plain("Parse"), new Markup(Outcome(CheckOutcome.Failed, language)), new Text(error.Code.Value, new Style(Color.Red)), CliText.Plain(error.Message));
            }

            console.Write(table);
            if (hint is not null)
            {
                console.WriteLine(string.Empty, hint);
            }
        });
    }

    private static void WriteClaims(IAnsiConsole console, UiLanguage language, VerifiedSdJwtVc credential, string? typeName, List<(ClaimPath Path, string Label, bool Found, JsonElement Value)> disclosed, List<(ClaimPath Path, string Label, bool Found, JsonElement Value)> plain, bool keyBindingChecked)
    {
        console.Write(new Text(typeName ?? credential.Vct, new Style(decoration: Decoration.Bold)));
        console.WriteLine();
        console.WriteLine(Markup.Escape(language.Pick("発行者: ", "Issuer: ")), credential.Issuer ?? "-");
        console.WriteLine("vct: ", credential.Vct);
        if (credential.KeyBinding is { } kb)
        {
            console.WriteLine(Markup.Escape(language.Pick("鍵束縛: ", "Key binding: ")), $"aud {kb.Audience}, nonce {kb.Nonce}");
            if (!keyBindingChecked)
            {
                console.Write(new Text(
                    language.Pick(
                        "⚠ aud と nonce は確認していません（提示者が鍵を持つことだけを確認）。この検証者とこのセッション向けの提示かどうかは不明です。--aud と --nonce を指定してください。",
                        "⚠ Audience and nonce NOT checked: only that the presenter holds the key was verified, not that this presentation was made for you or for this session. Pass --aud and --nonce."),
                    new Style(Color.Yellow)));
                console.WriteLine();
            }
        }
        else
        {
            console.Write(new Text(language.Pick("鍵束縛なし（提示者が本人か確認できません）", "No key binding (the presenter is not proven to be the holder)"), new Style(Color.Yellow)));
            console.WriteLine();
        }

        var table = new Table().AddColumn(language.Pick("開示された項目", "Disclosed claim")).AddColumn(language.Pick("パス", "Path")).AddColumn(language.Pick("値", "Value"));
        foreach (var claim in disclosed)
        {
            table.AddPlainRow(claim.Label, ClaimPathSyntax.Format(claim.Path), claim.Found ? ClaimValues.Display(claim.Value, language) : "");
        }

        foreach (var claim in plain)
        {
            table.AddPlainRow(claim.Label + language.Pick("（常に提示）", " (always shown)"), ClaimPathSyntax.Format(claim.Path), claim.Found ? ClaimValues.Display(claim.Value, language) : "");
        }

        console.Write(table);
    }

    private static bool IsPresent(VerifiedSdJwtVc credential, ClaimPath required)
        => ClaimValues.TryGet(credential.Claims, required, out _) || credential.DisclosedPaths.Any(required.Matches);

    private static JsonArray ClaimsJson(List<(ClaimPath Path, string Label, bool Found, JsonElement Value)> claims)
    {
        var array = new JsonArray();
        foreach (var claim in claims)
        {
            array.Add(new JsonObject
            {
                ["path"] = JsonNode.Parse(claim.Path.ToString()),
                ["label"] = claim.Label,
                ["value"] = claim.Found ? ClaimValues.ToNode(claim.Value) : null,
            });
        }

        return array;
    }

    private static JsonArray ChecksJson(SdJwtVcVerificationResult result)
    {
        var array = new JsonArray();
        foreach (var check in result.Checks)
        {
            var item = new JsonObject { ["check"] = check.Check.ToString(), ["outcome"] = check.Outcome.ToString() };
            var error = check.Error ?? (check.Outcome == CheckOutcome.Failed ? result.Error : null);
            if (error is not null)
            {
                item["error"] = ClaimValues.ToJson(error);
            }

            array.Add(item);
        }

        return array;
    }

    internal static string Outcome(CheckOutcome outcome, UiLanguage language) => outcome switch
    {
        CheckOutcome.Passed => "[green]" + language.Pick("合格", "passed") + "[/]",
        CheckOutcome.Failed => "[red]" + language.Pick("不合格", "failed") + "[/]",
        CheckOutcome.NotChecked => "[grey]" + language.Pick("未検査", "not checked") + "[/]",
        CheckOutcome.PassedWithoutAudienceAndNonce => "[yellow]" + language.Pick("合格（aud・nonce 未検査）", "passed (aud and nonce not checked)") + "[/]",
        _ => "[grey]" + language.Pick("未実施", "not reached") + "[/]",
    };

    internal static string Codes(VerificationError error)
    {
        var text = error.Code.Value;
        for (var inner = error.Inner; inner is not null; inner = inner.Inner)
        {
            text += " ← " + inner.Code.Value;
        }

        return text;
    }
}
