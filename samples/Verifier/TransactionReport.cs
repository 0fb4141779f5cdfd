using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.OpenId4Vp;
using Credentials.Samples.Common;
using Credentials.SdJwtVc.TypeMetadata;
using Spectre.Console;

namespace Credentials.Samples.Verifier;

/// <summary>How <c>request</c> and <c>serve</c> show the outcome of an OpenID4VP transaction.</summary>
internal static class TransactionReport
{
    public static async Task<JsonObject> ToJsonAsync(OpenId4VpTransactionResult result, UiLanguage language, CancellationToken cancellationToken)
    {
        var presentations = new JsonArray();
        foreach (var presentation in result.Presentations)
        {
            var metadata = await MetadataAsync(presentation.Vct, cancellationToken);
            var disclosed = new JsonArray();
            foreach (var path in presentation.DisclosedClaims)
            {
                disclosed.Add(new JsonObject
                {
                    ["path"] = JsonNode.Parse(path.ToString()),
                    ["label"] = ClaimValues.Label(metadata, path, language.ToLocale()),
                    ["value"] = presentation.Claims is { } claims && ClaimValues.TryGet(claims, path, out var v) ? ClaimValues.ToNode(v) : null,
                });
            }

            presentations.Add(new JsonObject
            {
                ["queryId"] = presentation.QueryId,
                ["valid"] = presentation.IsValid,
                ["vct"] = presentation.Vct,
                ["typeName"] = metadata?.GetName(language.ToLocale()),
                ["issuer"] = presentation.Issuer,
                ["disclosed"] = disclosed,
                ["error"] = presentation.Error is null ? null : ClaimValues.ToJson(presentation.Error),
            });
        }

        return new JsonObject
        {
            ["transactionId"] = result.TransactionId,
            ["status"] = result.Status.ToString(),
            ["accepted"] = result.IsAccepted,
            ["walletError"] = result.WalletError,
            ["walletErrorDescription"] = result.WalletErrorDescription,
            ["error"] = result.Error is null ? null : ClaimValues.ToJson(result.Error),
            ["presentations"] = presentations,
        };
    }

    public static async Task WriteAsync(IAnsiConsole console, OpenId4VpTransactionResult result, UiLanguage language, CancellationToken cancellationToken)
    {
        var locale = language.ToLocale();
        if (result.IsAccepted)
        {
            console.MarkupLine("[green]✓ " + Markup.Escape(language.Pick("提示を受け付けました", "Presentation accepted")) + "[/]");
        }
        else if (result.Status == OpenId4VpTransactionStatus.WalletError)
        {
            console.WriteLine("[red]✗ " + Markup.Escape(language.Pick("ウォレットが断りました: ", "The wallet declined: ")) + "[/]", $"{result.WalletError} {result.WalletErrorDescription}".Trim());
        }
        else
        {
            console.WriteLine("[red]✗ " + Markup.Escape(language.Pick("提示を拒否しました: ", "Presentation rejected: ")) + "[/]", result.Error is null ? result.Status.ToString() : $"{result.Error.Code} {ClaimValues.Describe(result.Error)}");
        }

        foreach (var presentation in result.Presentations)
        {
            var metadata = await MetadataAsync(presentation.Vct, cancellationToken);
            console.WriteLine("[bold]" + Markup.Escape(presentation.QueryId) + "[/]: ", $"{metadata?.GetName(locale) ?? presentation.Vct} — {presentation.Issuer}");
            if (presentation.Error is { } error)
            {
                console.WriteLine("  [red]" + Markup.Escape(error.Code.Value) + "[/] ", ClaimValues.Describe(error));
                continue;
            }

            var table = new Table().AddColumn(language.Pick("開示された項目", "Disclosed claim")).AddColumn(language.Pick("値", "Value"));
            foreach (var path in presentation.DisclosedClaims)
            {
                var value = presentation.Claims is { } claims && ClaimValues.TryGet(claims, path, out var v) ? ClaimValues.Display(v, language) : "";
                table.AddPlainRow(ClaimValues.Label(metadata, path, locale), value);
            }

            console.Write(table);
        }
    }

    private static async Task<ResolvedTypeMetadata?> MetadataAsync(string? vct, CancellationToken cancellationToken)
    {
        if (vct is null || ClaimValues.LoadTypeMetadata() is not { } registry)
        {
            return null;
        }

        var resolved = await registry.ResolveAsync(vct, null, cancellationToken);
        return resolved.IsValid ? resolved.Value : null;
    }

    public static IEnumerable<string> Names => Queries.Named.Keys.ToList();
}
