using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Samples.Common;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Spectre.Console;

namespace Credentials.Samples.Verifier;

/// <summary>
/// <c>verifier verify</c>: verifies a presentation and prints the disclosed claims (exit 0), or every failed check
/// with its error code (exit 1).
/// </summary>
internal static class VerifyCommand
{
    /// <summary>A claim named in <c>--require</c> was not disclosed.</summary>
    public const string RequiredClaimMissingCode = "verifier.required_claim_missing";

    /// <summary>The plaintext claims every SD-JWT VC carries; not listed among the disclosed claims.</summary>
    private static readonly HashSet<string> s_registered = new(StringComparer.Ordinal)
    {
        "iss", "sub", "iat", "nbf", "exp", "cnf", "vct", "vct#integrity", "status", "_sd_alg",
    };

    public static Command Create(CliHost host)
    {
        var presentationFile = new Option<string>("--presentation", "-p") { Description = "The presentation file (SD-JWT, with a Key Binding JWT when the holder is bound).", Required = true };
        var trust = new Option<string>("--trust") { Description = "Whom to trust: the issuer's public JWK file, the issuer's DID, or a trust list file.", Required = true };
        var audience = new Option<string?>("--aud") { Description = "This verifier's identifier; with --nonce, key binding is required and checked." };
        var nonce = new Option<string?>("--nonce") { Description = "The nonce this verifier gave the holder; with --aud, key binding is required and checked." };
        var vct = new Option<string[]>("--vct") { Description = "Accept only these credential types (vct URIs). Repeatable." };
        var require = new Option<string[]>("--require") { Description = "Claims that must be disclosed, comma-separated paths (age_over_20,name.family). Repeatable." };
        var skipStatus = new Option<bool>("--skip-status") { Description = "Do not check the revocation status (offline)." };
        var allowLocal = new Option<bool>("--allow-local-network") { Description = "Allow http:// and loopback hosts for DID documents and status lists (local demos only)." };
        var lang = new Option<string?>("--lang") { Description = "The language of labels: ja or en (default: the system language)." }.AcceptOnlyFromAmong("ja", "en");
        var command = new Command("verify", "Verify a presentation and print the disclosed claims (exit 0), or each failed check with its error code (exit 1).")
        {
            presentationFile, trust, audience, nonce, vct, require, skipStatus, allowLocal, lang,
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
            var presentation = CliFiles.ReadAllText(context.GetValue(presentationFile)!, "presentation").Trim();
            using var issuers = IssuerTrust.Load(context.GetValue(trust)!, context.GetValue(allowLocal));

            KeyBindingRequirement keyBinding;
            var keyBindingChecked = aud is not null;
            if (keyBindingChecked)
            {
                keyBinding = KeyBindingRequirement.Required(aud!, nonceValue!);
            }
            else
            {
                // Without --aud/--nonce a KB-JWT is verified (signature, sd_hash, age) but its aud and nonce are only reported.
                var (kbAud, kbNonce) = PeekKeyBinding(presentation);
                keyBinding = KeyBindingRequirement.Optional(kbAud ?? "unchecked", kbNonce ?? "unchecked");
            }

            var noStatus = context.GetValue(skipStatus);
            var verifier = new SdJwtVcVerifier(
                issuers.KeyResolver,
                noStatus ? null : issuers.CreateStatusResolver(host.TimeProvider),
                ClaimValues.LoadTypeMetadata(),
                options: new SdJwtVcVerifierOptions { TimeProvider = host.TimeProvider });
            var result = presentation.Length == 0
                ? null
                : await verifier.VerifyAsync(
                    presentation,
                    new SdJwtVcPolicy
                    {
                        KeyBinding = keyBinding,
                        AcceptedVcts = vcts.Count > 0 ? vcts : null,
                        IssuerAuthorization = issuers.Authorization,
                        Status = noStatus ? StatusCheck.Skip : StatusCheck.IfPresent,
                    },
                    cancellationToken);

            if (result is null || !result.IsValid)
            {
                return Rejected(context, language, result);
            }

            var credential = result.Credential;
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
                ["vct"] = credential.Vct,
                ["typeName"] = typeName,
                ["issuer"] = credential.Issuer,
                ["keyBinding"] = credential.KeyBinding is { } kb
                    ? new JsonObject { ["aud"] = kb.Audience, ["nonce"] = kb.Nonce, ["issuedAt"] = kb.IssuedAt.ToString("O"), ["audAndNonceChecked"] = keyBindingChecked }
                    : null,
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
                console.MarkupLine("[green]✓ " + Markup.Escape(language.Pick("検証に成功しました", "Verified")) + "[/]");
            });
        });
        return command;
    }

    private static int Rejected(CliContext context, UiLanguage language, SdJwtVcVerificationResult? result)
    {
        var error = result?.Error ?? new VerificationError(SdJwtErrors.Malformed, VerificationFailureKind.Malformed, "The presentation file is empty.");
        var json = new JsonObject
        {
            ["valid"] = false,
            ["error"] = ClaimValues.ToJson(error),
            ["checks"] = result is null ? new JsonArray() : ChecksJson(result),
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
            var note = keyBindingChecked ? "" : language.Pick("（aud と nonce は未確認: --aud と --nonce を指定してください）", " (aud and nonce not checked: pass --aud and --nonce)");
            console.WriteLine(Markup.Escape(language.Pick("鍵束縛: ", "Key binding: ")), $"aud {kb.Audience}, nonce {kb.Nonce}{note}");
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

    private static string Outcome(CheckOutcome outcome, UiLanguage language) => outcome switch
    {
        CheckOutcome.Passed => "[green]" + language.Pick("合格", "passed") + "[/]",
        CheckOutcome.Failed => "[red]" + language.Pick("不合格", "failed") + "[/]",
        CheckOutcome.NotChecked => "[grey]" + language.Pick("未検査", "not checked") + "[/]",
        _ => "[grey]" + language.Pick("未実施", "not reached") + "[/]",
    };

    private static string Codes(VerificationError error)
    {
        var text = error.Code.Value;
        for (var inner = error.Inner; inner is not null; inner = inner.Inner)
        {
            text += " ← " + inner.Code.Value;
        }

        return text;
    }

    // Reads aud and nonce from the KB-JWT's payload (not trusted: the verifier checks its signature and sd_hash).
    private static (string? Audience, string? Nonce) PeekKeyBinding(string presentation)
    {
        var last = presentation.LastIndexOf('~');
        if (last < 0 || last == presentation.Length - 1)
        {
            return (null, null);
        }

        var parts = presentation[(last + 1)..].Split('.');
        if (parts.Length != 3)
        {
            return (null, null);
        }

        try
        {
            var payload = System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]);
            using var document = JsonDocument.Parse(payload, CliJson.InputOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            string? aud = null;
            if (root.TryGetProperty("aud", out var audElement))
            {
                aud = audElement.ValueKind switch
                {
                    JsonValueKind.String => audElement.GetString(),
                    JsonValueKind.Array => audElement.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()).FirstOrDefault(),
                    _ => null,
                };
            }

            var nonce = root.TryGetProperty("nonce", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            return (string.IsNullOrEmpty(aud) ? null : aud, string.IsNullOrEmpty(nonce) ? null : nonce);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return (null, null);
        }
    }
}
