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
        var id = new Argument<string>("ID");
        var command = new Command("show") { wallet, lang, id };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var language = HolderOptions.ResolveLanguage(context, lang);
            var path = context.GetValue(wallet)!;
            using var store = await WalletAccess.OpenReadOnlyAsync(context, path, cancellationToken);
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
                    console.Write(new Text(c.DisplayName, new Style(decoration: Decoration.Bold)));
                    console.WriteLine();
                    if (c.Description is not null)
                    {
                        console.Write(new Text(c.Description, new Style(Color.Grey)));
                        console.WriteLine();
                    }

                    console.WriteLine(Markup.Escape(language.Pick("発行者: ", "Issuer: ")), c.Issuer ?? "-");
                    console.WriteLine("vct: ", c.Vct ?? "-");
                    var table = new Table()
                        .AddColumn(language.Pick("項目", "Claim"))
                        .AddColumn(language.Pick("パス", "Path"))
                        .AddColumn(language.Pick("値", "Value"))
                        .AddColumn(language.Pick("選択的開示", "Selective disclosure"));
                    foreach (var claim in details.Claims)
                    {
                        table.AddRow(
                            CliText.Plain(claim.Label),
                            CliText.Plain(ClaimPathSyntax.Format(claim.Path)),
                            CliText.Plain(ClaimValues.Display(claim.Value, language)),
                            claim.IsSelectivelyDisclosable ? CliText.Plain(language.Pick("選べる", "yes")) : new Text(language.Pick("常に提示", "always shown"), new Style(Color.Grey)));
                    }

                    console.Write(table);
                });
        });
        return command;
    }
}
