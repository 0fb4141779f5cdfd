using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
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
        var command = new Command("list") { wallet, lang };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var language = HolderOptions.ResolveLanguage(context, lang);
            var path = context.GetValue(wallet)!;
            using var store = await WalletAccess.OpenReadOnlyAsync(context, path, cancellationToken);
            var service = WalletAccess.CreateService(context, store, language);

            // Check the file's structure and authenticate every stored record, not only the metadata the list shows, so
            // damage is reported here (the same checks a writing command makes before it writes).
            WalletAccess.Check(await store.CheckIntegrityAsync(cancellationToken), path);
            WalletAccess.Check(await store.AuthenticateRecordsAsync(cancellationToken), path);
            var listed = WalletAccess.Check(await service.ListAsync(language.ToLocale(), cancellationToken), path);

            // Open Badges carry one string per name; the other language is the achievement's language edition.
            var credentials = new List<WalletCredential>(listed.Count);
            foreach (var credential in listed)
            {
                credentials.Add(await BadgeNames.LocalizeAsync(store, credential, language, cancellationToken));
            }

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
                    var copies = c.RemainingCopies is { } r ? r.ToString(CultureInfo.InvariantCulture) : "∞";
                    table.AddRow(
                        CliText.Plain(c.Id),
                        new Text(c.DisplayName, new Style(decoration: Decoration.Bold)),
                        CliText.Plain(c.Issuer ?? "-"),
                        CliText.Plain(c.IssuedAt is { } i ? Dates.Format(i, language) : "-"),
                        c.IsExpired ? new Text($"{expires} ({language.Pick("期限切れ", "expired")})", new Style(Color.Red)) : CliText.Plain(expires),
                        c.IsRunningLow ? new Text(copies, new Style(Color.Yellow)) : CliText.Plain(copies));
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

/// <summary>Dates for people: the calendar date in Japan, with 和暦 in Japanese.</summary>
internal static class Dates
{
    public static string Format(DateTimeOffset time, UiLanguage language)
        => JapaneseEra.FormatForDisplay(JapanTime.ToJapanDate(time), language);
}
