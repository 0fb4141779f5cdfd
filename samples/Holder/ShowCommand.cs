using System.CommandLine;
using System.Text.Json.Nodes;
using Credentials.Samples.Common;
using Spectre.Console;

namespace Credentials.Samples.Holder;

/// <summary><c>holder show ID</c>: one credential's claims with their labels.</summary>
internal static class ShowCommand
{
    public static Command Create(CliHost host)
    {
        var wallet = HolderOptions.Wallet(host);
        var lang = HolderOptions.Language();
        var id = new Argument<string>("ID") { Description = "The credential id (from 'holder list')." };
        var command = new Command("show", "Show a credential's claims with their labels, and which ones you can choose to disclose.") { wallet, lang, id };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var language = HolderOptions.ResolveLanguage(context, lang);
            var path = context.GetValue(wallet)!;
            using var store = await WalletAccess.OpenAsync(context, path, cancellationToken);
            var service = WalletAccess.CreateService(context, store, language);
            var details = WalletAccess.Check(await service.GetDetailsAsync(context.GetValue(id)!, language.ToLocale(), cancellationToken), path);
            var claims = new JsonArray();
            foreach (var claim in details.Claims)
            {
                claims.Add(new JsonObject
                {
                    ["path"] = JsonNode.Parse(claim.Path.ToString()),
                    ["label"] = claim.Label,
                    ["value"] = ClaimValues.ToNode(claim.Value),
                    ["selectivelyDisclosable"] = claim.IsSelectivelyDisclosable,
                });
            }

            return context.Result(
                new JsonObject { ["credential"] = ListCommand.ToJson(details.Credential), ["claims"] = claims },
                console =>
                {
                    var c = details.Credential;
                    console.MarkupLineInterpolated($"[bold]{c.DisplayName}[/]");
                    if (c.Description is not null)
                    {
                        console.MarkupLineInterpolated($"[grey]{c.Description}[/]");
                    }

                    console.MarkupLineInterpolated($"{language.Pick("発行者", "Issuer")}: {c.Issuer ?? "-"}   vct: {c.Vct ?? "-"}");
                    var table = new Table()
                        .AddColumn(language.Pick("項目", "Claim"))
                        .AddColumn(language.Pick("パス", "Path"))
                        .AddColumn(language.Pick("値", "Value"))
                        .AddColumn(language.Pick("選択的開示", "Selective disclosure"));
                    foreach (var claim in details.Claims)
                    {
                        table.AddRow(
                            Markup.Escape(claim.Label),
                            Markup.Escape(ClaimPathSyntax.Format(claim.Path)),
                            Markup.Escape(ClaimValues.Display(claim.Value)),
                            claim.IsSelectivelyDisclosable ? language.Pick("選べる", "yes") : "[grey]" + language.Pick("常に提示", "always shown") + "[/]");
                    }

                    console.Write(table);
                });
        });
        return command;
    }
}
