using System;
using System.CommandLine;
using System.Text.Json.Nodes;
using Credentials.Wallet.Holder;
using Spectre.Console;

namespace Credentials.Samples.Holder;

/// <summary><c>holder list</c>: the stored credentials, named in the user's language.</summary>
internal static class ListCommand
{
    public static Command Create(CliHost host)
    {
        var wallet = HolderOptions.Wallet(host);
        var lang = HolderOptions.Language();
        var command = new Command("list", "List the credentials with their names in your language (ja or en).") { wallet, lang };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var language = HolderOptions.ResolveLanguage(context, lang);
            var path = context.GetValue(wallet)!;
            using var store = await WalletAccess.OpenAsync(context, path, cancellationToken);
            var service = WalletAccess.CreateService(context, store, language);
            var credentials = WalletAccess.Check(await service.ListAsync(language.ToLocale(), cancellationToken), path);
            var array = new JsonArray();
            foreach (var credential in credentials)
            {
                array.Add(ToJson(credential));
            }

            return context.Result(new JsonObject { ["locale"] = language.ToLocale(), ["credentials"] = array }, console =>
            {
                if (credentials.Count == 0)
                {
                    console.MarkupLineInterpolated($"[grey]{language.Pick("証明書はまだありません。'holder import' で取り込めます。", "No credentials yet; add one with 'holder import'.")}[/]");
                    return;
                }

                var table = new Table()
                    .AddColumn("ID")
                    .AddColumn(language.Pick("名称", "Name"))
                    .AddColumn(language.Pick("発行者", "Issuer"))
                    .AddColumn(language.Pick("発行日", "Issued"))
                    .AddColumn(language.Pick("有効期限", "Expires"))
                    .AddColumn(language.Pick("残り", "Copies"));
                foreach (var c in credentials)
                {
                    var expires = c.ExpiresAt is { } e ? Dates.Format(e, language) : "-";
                    if (c.IsExpired)
                    {
                        expires = $"[red]{Markup.Escape(expires)} ({language.Pick("期限切れ", "expired")})[/]";
                    }
                    else
                    {
                        expires = Markup.Escape(expires);
                    }

                    var copies = c.RemainingCopies is { } r ? (c.IsRunningLow ? $"[yellow]{r}[/]" : r.ToString()) : "∞";
                    table.AddRow(
                        Markup.Escape(c.Id),
                        "[bold]" + Markup.Escape(c.DisplayName) + "[/]",
                        Markup.Escape(c.Issuer ?? "-"),
                        Markup.Escape(c.IssuedAt is { } i ? Dates.Format(i, language) : "-"),
                        expires,
                        copies);
                }

                console.Write(table);
            });
        });
        return command;
    }

    internal static JsonObject ToJson(WalletCredential c) => new()
    {
        ["id"] = c.Id,
        ["displayName"] = c.DisplayName,
        ["displayLocale"] = c.DisplayLocale,
        ["description"] = c.Description,
        ["format"] = c.Format,
        ["vct"] = c.Vct,
        ["issuer"] = c.Issuer,
        ["issuedAt"] = c.IssuedAt?.ToString("O"),
        ["expiresAt"] = c.ExpiresAt?.ToString("O"),
        ["expired"] = c.IsExpired,
        ["use"] = c.Use.ToString(),
        ["remainingCopies"] = c.RemainingCopies,
        ["runningLow"] = c.IsRunningLow,
    };
}

/// <summary>Dates for people: ISO 8601 in JST for Japanese, UTC for English.</summary>
internal static class Dates
{
    private static readonly TimeSpan s_jst = TimeSpan.FromHours(9);

    public static string Format(DateTimeOffset time, UiLanguage language)
        => language == UiLanguage.Japanese
            ? time.ToOffset(s_jst).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " JST"
            : time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";
}
