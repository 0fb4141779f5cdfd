using System.CommandLine;
using System.Linq;
using System.Text.Json.Nodes;
using Credentials.Samples.Common;
using Credentials.Wallet;
using Credentials.Wallet.Holder;
using Spectre.Console;

namespace Credentials.Samples.Holder;

/// <summary>
/// <c>holder present</c>: an SD-JWT with only the chosen disclosures and a Key Binding JWT for one verifier's
/// <c>aud</c> and <c>nonce</c> (the manual counterpart of the OpenID4VP flow).
/// </summary>
internal static class PresentCommand
{
    public static Command Create(CliHost host)
    {
        var wallet = HolderOptions.Wallet(host);
        var credentialId = new Option<string>("--credential", "-c") { Required = true };
        var disclose = new Option<string[]>("--disclose", "-d")
        {
            AllowMultipleArgumentsPerToken = false,
        };
        var audience = new Option<string>("--aud") { Required = true };
        var nonce = new Option<string>("--nonce") { Required = true };
        var responseUri = new Option<string?>("--response-uri");
        var output = new Option<string>("--out", "-o") { Required = true };
        var force = HolderOptions.Force();
        var lang = HolderOptions.Language();
        var command = new Command("present")
        {
            wallet, credentialId, disclose, audience, nonce, responseUri, output, force, lang,
        };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var language = HolderOptions.ResolveLanguage(context, lang);
            var aud = context.GetValue(audience)!;
            var nonceValue = context.GetValue(nonce)!;
            if (string.IsNullOrWhiteSpace(aud) || string.IsNullOrWhiteSpace(nonceValue))
            {
                throw new CliException(CliErrors.InvalidOption("--aud/--nonce", "must not be empty.", "Use the verifier's identifier and the nonce it gave you."));
            }

            var outPath = context.GetValue(output)!;
            var overwrite = context.GetValue(force);
            if (outPath != "-")
            {
                CliFiles.EnsureWritable(outPath, overwrite);
            }

            var path = context.GetValue(wallet)!;
            var id = context.GetValue(credentialId)!;
            using var store = await WalletAccess.OpenForWriteAsync(context, path, cancellationToken);
            var service = WalletAccess.CreateService(context, store, language);
            if (await service.GetDetailsAsync(id, language.ToLocale(), cancellationToken) is { IsValid: true } details
                && details.Value.Credential.Format == Credentials.Dcql.DcqlFormats.MsoMdoc)
            {
                return await MdocHolding.PresentAsync(context, language, service, path, id, context.GetValue(disclose) ?? [], aud, nonceValue, context.GetValue(responseUri), outPath, overwrite, cancellationToken);
            }

            if (context.GetValue(responseUri) is not null)
            {
                throw new CliException(CliErrors.InvalidOption("--response-uri", "applies to mdocs only (their session transcript binds it).", "Leave it out for an SD-JWT VC."));
            }

            var selection = (context.GetValue(disclose) ?? []).SelectMany(ClaimPathSyntax.ParseList).Distinct().ToList();

            // The wallet checks the claims, takes a (single-use) copy, adds the Key Binding JWT and logs the disclosure.
            var presented = WalletAccess.Check(await service.PresentAsync(id, selection, aud, nonceValue, language.ToLocale(), cancellationToken), path);
            foreach (var plain in presented.RequestedAlwaysVisible)
            {
                context.Warn(language.Pick(
                    $"{ClaimPathSyntax.Format(plain)} は常に提示される項目です（開示の選択は不要）。",
                    $"{ClaimPathSyntax.Format(plain)} is always visible; it needs no disclosure."));
            }

            if (outPath == "-")
            {
                if (context.Json)
                {
                    var json = Result(presented, outPath);
                    json["presentation"] = presented.Presentation;
                    return context.Result(json, _ => { });
                }

                CliFiles.WriteAllText(outPath, presented.Presentation, overwrite, host.Output);
                return ExitCodes.Success;
            }

            CliFiles.WriteAllText(outPath, presented.Presentation, overwrite);
            return context.Result(Result(presented, outPath), console =>
            {
                console.WriteLine(Markup.Escape(language.Pick("提示を書き出しました: ", "Wrote the presentation: ")), $"{outPath} (aud {aud})");
                var table = new Table().AddColumn(language.Pick("開示する項目", "Disclosed")).AddColumn(language.Pick("値", "Value"));
                foreach (var claim in presented.Disclosed)
                {
                    table.AddPlainRow(claim.Label, claim.Value.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "" : ClaimValues.Display(claim.Value, language));
                }

                console.Write(table);
                if (presented.Withheld.Length > 0)
                {
                    var names = string.Join(", ", presented.Withheld.Select(c => c.Label));
                    console.WriteLine("[grey]" + Markup.Escape(language.Pick("開示しない項目: ", "Not disclosed: ")) + "[/]", names);
                }

                if (presented.Use == CredentialUse.SingleUse)
                {
                    console.WriteLine("[grey]" + Markup.Escape(language.Pick("使い捨てのコピーを1つ使いました。残り: ", "Used one single-use copy; left: ")) + "[/]", presented.RemainingCopies?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            });
        });
        return command;
    }

    private static JsonObject Result(CredentialPresentation presented, string outPath)
    {
        var disclosed = new JsonArray();
        foreach (var claim in presented.Disclosed)
        {
            disclosed.Add(new JsonObject
            {
                ["path"] = JsonNode.Parse(claim.Path.ToString()),
                ["label"] = claim.Label,
                ["value"] = claim.Value.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : ClaimValues.ToNode(claim.Value),
            });
        }

        var withheld = new JsonArray();
        foreach (var claim in presented.Withheld)
        {
            withheld.Add(JsonNode.Parse(claim.Path.ToString()));
        }

        return new JsonObject
        {
            ["out"] = outPath,
            ["aud"] = presented.Audience,
            ["nonce"] = presented.Nonce,
            ["disclosures"] = presented.Disclosed.Length,
            ["disclosed"] = disclosed,
            ["withheld"] = withheld,
            ["use"] = presented.Use.ToString(),
            ["remainingCopies"] = presented.RemainingCopies,
            ["logEntry"] = presented.LogEntryId,
        };
    }
}
