using System;
using System.CommandLine;
using System.Linq;
using System.Text.Json.Nodes;
using Credentials.Http;
using Credentials.Samples.Common;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vp;
using Spectre.Console;

namespace Credentials.Samples.Holder;

/// <summary>
/// <c>holder respond REQUEST_URI</c>: answers an OpenID4VP request. Shows who asks for what, what will be disclosed
/// and what will not, asks for consent (unless <c>--yes</c>), and posts the <c>vp_token</c> (or <c>access_denied</c>).
/// </summary>
internal static class RespondCommand
{
    public const string ConsentRequiredCode = "holder.consent_required";
    public const string DeniedCode = "holder.denied";
    public const string CannotAnswerCode = "holder.cannot_answer";

    public static Command Create(CliHost host)
    {
        var wallet = HolderOptions.Wallet(host);
        var yes = new Option<bool>("--yes", "-y");
        var allowLocal = new Option<bool>("--allow-local-network");
        var lang = HolderOptions.Language();
        var link = new Argument<string>("REQUEST_URI");
        var trust = new Option<string[]>("--trust") { AllowMultipleArgumentsPerToken = false, DefaultValueFactory = _ => [] };
        var command = new Command("respond")
        {
            wallet, yes, allowLocal, lang, trust, link,
        };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var language = HolderOptions.ResolveLanguage(context, lang);
            var local = context.GetValue(allowLocal);
            var path = context.GetValue(wallet)!;
            using var store = await WalletAccess.OpenForWriteAsync(context, path, cancellationToken);
            var service = WalletAccess.CreateService(context, store, language);
            var clientOptions = new OpenId4VpWalletClientOptions
            {
                Http = OpenId4VpWalletClientOptions.Default.Http with { RequireHttps = !local, AddressPolicy = local ? HttpAddressPolicy.PublicAndLoopback : HttpAddressPolicy.PublicOnly },
                TimeProvider = host.TimeProvider,
                // x509_san_dns / x509_hash verifiers are trusted only through these roots (OpenID4VP 1.0 section 5.9.3).
                RequestReader = Credentials.OpenId4Vp.OpenId4VpRequestReaderOptions.Default with { TrustAnchors = ReadRoots(context.GetValue(trust)!), TimeProvider = host.TimeProvider },
            };
            using var http = GuardedHttpHandler.CreateClient(clientOptions.Http);
            var client = new OpenId4VpWalletClient(http, service, clientOptions);

            // Which URL failed and why (DNS, refused, TLS, timeout), for the error message.
            using var network = NetworkTrace.Begin();
            var request = await client.ResolveRequestAsync(context.GetValue(link)!, cancellationToken);
            if (!request.IsValid)
            {
                throw new CliException(network.ToCliError(request.Error, local ? "Check the link; it must come from the verifier as it is." : "Check the link; for a verifier on this machine add --allow-local-network.", "the verifier", clientOptions.Http.Timeout));
            }

            var plan = WalletAccess.Check(await client.PrepareAsync(request.Value, language.ToLocale(), cancellationToken), path);
            var planJson = PlanJson(plan);
            if (!context.Json)
            {
                WritePlan(context.Console, plan, language);
            }

            if (!plan.IsSatisfiable)
            {
                await client.SendErrorAsync(request.Value, "access_denied", "The wallet cannot answer this request.", cancellationToken);
                var reasons = string.Join("; ", plan.Unanswered.Select(u => $"{u.QueryId}: {u.Reason}"));
                throw new CliException(new CliError(CannotAnswerCode, $"The wallet cannot answer this request ({reasons}); nothing was disclosed.", "Import a credential that has the requested claims.", ExitCodes.Failure));
            }

            bool approved;
            if (context.GetValue(yes))
            {
                approved = true;
            }
            else if (host.IsInteractive && !context.Json)
            {
                approved = host.ErrorConsole.Prompt(new ConfirmationPrompt(language.Pick("これらの項目を開示しますか?", "Disclose these claims?")) { DefaultValue = false });
            }
            else
            {
                throw new CliException(new CliError(ConsentRequiredCode, "Consent is needed and there is no terminal to ask; nothing was sent.", "Run it in a terminal, or add --yes to consent in a script.", ExitCodes.Usage));
            }

            var responded = await client.RespondAsync(request.Value, plan, approved ? PresentationConsent.Approve : PresentationConsent.Deny, cancellationToken);
            if (!responded.IsValid)
            {
                var error = responded.Error;
                throw new CliException(network.ToCliError(error, WalletAccess.Hint(error.Code, path), "the verifier", clientOptions.Http.Timeout, WalletAccess.ExitCodeFor(error.Code)));
            }

            var submission = responded.Value;
            planJson["approved"] = approved;
            planJson["statusCode"] = submission.StatusCode;
            planJson["redirectUri"] = submission.RedirectUri;
            planJson["verifierError"] = submission.VerifierError;
            if (!approved)
            {
                return context.NegativeResult(planJson, console => console.MarkupLine("[yellow]" + Markup.Escape(language.Pick("開示しませんでした（拒否を送信しました）。", "Nothing was disclosed (the verifier was told you declined).")) + "[/]"));
            }

            if (!submission.IsProcessed)
            {
                planJson["error"] = new JsonObject { ["code"] = submission.VerifierError, ["message"] = submission.VerifierErrorDescription };
                return context.NegativeResult(planJson, console =>
                    console.WriteLine("[red]✗ " + Markup.Escape(language.Pick("検証者が受け付けませんでした: ", "The verifier did not accept it: ")) + "[/]", $"{submission.VerifierError} {submission.VerifierErrorDescription}".Trim()));
            }

            return context.Result(planJson, console =>
            {
                console.MarkupLine("[green]✓ " + Markup.Escape(language.Pick("提示を送信しました", "Presentation sent")) + "[/]");
                if (submission.RedirectUri is not null)
                {
                    console.WriteLine(Markup.Escape(language.Pick("続きはブラウザで: ", "Continue in the browser: ")), submission.RedirectUri);
                }
            });
        });
        return command;
    }

    private static void WritePlan(IAnsiConsole console, PresentationPlan plan, UiLanguage language)
    {
        console.WriteLine(Markup.Escape(language.Pick("検証者: ", "Verifier: ")), plan.Verifier);
        if (plan.Purpose is not null)
        {
            console.WriteLine(Markup.Escape(language.Pick("目的: ", "Purpose: ")), plan.Purpose);
        }

        foreach (var presentation in plan.Presentations)
        {
            console.WriteLine("[bold]" + Markup.Escape(language.Pick("証明書: ", "Credential: ")) + "[/]", $"{presentation.CredentialName} ({presentation.CredentialId})");
            var table = new Table().AddColumn(language.Pick("開示する項目", "Will be disclosed")).AddColumn(language.Pick("値", "Value"));
            foreach (var claim in presentation.RequestedClaims)
            {
                table.AddPlainRow(claim.Label, ClaimValues.Display(claim.Value, language));
            }

            foreach (var claim in presentation.AlsoRevealedClaims)
            {
                table.AddPlainRow(claim.Label + language.Pick("（同時に開示）", " (revealed with it)"), ClaimValues.Display(claim.Value, language));
            }

            console.Write(table);
            if (presentation.DisclosesWholeCredential)
            {
                // W3C credentials (Open Badges among them) have no selective disclosure: consent covers every claim.
                console.WriteLine("[yellow]" + Markup.Escape(language.Pick(
                    "この証明書は項目を選んで開示できません。証明書全体（すべての項目）が相手に渡ります。",
                    "This credential cannot disclose claims selectively: the whole credential, every claim, will be shown.")) + "[/]", null);
            }

            if (presentation.AlwaysVisibleClaims.Length > 0)
            {
                console.WriteLine("[grey]" + Markup.Escape(language.Pick("常に見える項目: ", "Always visible: ")) + "[/]", string.Join(", ", presentation.AlwaysVisibleClaims.Select(c => c.Label)));
            }
        }

        foreach (var unanswered in plan.Unanswered)
        {
            console.WriteLine("[yellow]" + Markup.Escape(language.Pick("答えられない要求: ", "Cannot answer: ")) + "[/]", $"{unanswered.QueryId} ({unanswered.Reason}{(unanswered.MissingClaims.Length > 0 ? ": " + string.Join(", ", unanswered.MissingClaims.Select(ClaimPathSyntax.Format)) : "")})");
        }
    }

    private static JsonObject PlanJson(PresentationPlan plan)
    {
        var presentations = new JsonArray();
        foreach (var p in plan.Presentations)
        {
            presentations.Add(new JsonObject
            {
                ["queryId"] = p.QueryId,
                ["credentialId"] = p.CredentialId,
                ["credentialName"] = p.CredentialName,
                ["requested"] = Claims(p.RequestedClaims),
                ["alsoRevealed"] = Claims(p.AlsoRevealedClaims),
                ["alwaysVisible"] = new JsonArray([.. p.AlwaysVisibleClaims.Select(c => JsonNode.Parse(c.Path.ToString()))]),
                ["disclosesWholeCredential"] = p.DisclosesWholeCredential,
            });
        }

        var unanswered = new JsonArray();
        foreach (var u in plan.Unanswered)
        {
            unanswered.Add(new JsonObject { ["queryId"] = u.QueryId, ["reason"] = u.Reason.ToString(), ["blocking"] = u.IsBlocking });
        }

        return new JsonObject
        {
            ["verifier"] = plan.Verifier,
            ["purpose"] = plan.Purpose,
            ["satisfiable"] = plan.IsSatisfiable,
            ["presentations"] = presentations,
            ["unanswered"] = unanswered,
        };

        static JsonArray Claims(System.Collections.Immutable.ImmutableArray<PlannedClaim> claims)
        {
            var array = new JsonArray();
            foreach (var c in claims)
            {
                array.Add(new JsonObject { ["path"] = JsonNode.Parse(c.Path.ToString()), ["label"] = c.Label, ["value"] = ClaimValues.ToNode(c.Value) });
            }

            return array;
        }
    }

    private static System.Collections.Generic.List<System.Security.Cryptography.X509Certificates.X509Certificate2> ReadRoots(string[] paths)
    {
        var roots = new System.Collections.Generic.List<System.Security.Cryptography.X509Certificates.X509Certificate2>();
        foreach (var path in paths)
        {
            try
            {
                roots.AddRange(Credentials.Mdoc.Certificates.MdocCertificates.ParsePemBundle(CliFiles.ReadAllText(path, "verifier root certificate")));
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                throw new CliException(CliErrors.InvalidOption("--trust", $"'{path}' is not a PEM certificate: {CliErrors.Reason(ex)}", "Pass the root written by 'verifier cert create --out-root'."), ex);
            }
        }

        return roots;
    }
}
