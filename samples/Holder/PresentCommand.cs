using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Text.Json.Nodes;
using Credentials.Samples.Common;
using Credentials.SdJwt;
using Credentials.Wallet;
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
        var credentialId = new Option<string>("--credential", "-c") { Description = "The credential id (from 'holder list').", Required = true };
        var disclose = new Option<string[]>("--disclose", "-d")
        {
            Description = "The claims to disclose, comma-separated: dotted paths (address.region, nationalities[0], results[]) or JSON arrays ([\"a.b\"]). Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var audience = new Option<string>("--aud") { Description = "The verifier (the Key Binding JWT's aud).", Required = true };
        var nonce = new Option<string>("--nonce") { Description = "The verifier's fresh nonce.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "The presentation file ('-' for standard output).", Required = true };
        var force = HolderOptions.Force();
        var lang = HolderOptions.Language();
        var command = new Command("present", "Write a presentation of a credential: only the claims you choose, bound to your key for one verifier and nonce.")
        {
            wallet, credentialId, disclose, audience, nonce, output, force, lang,
        };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var language = HolderOptions.ResolveLanguage(context, lang);
            var selection = (context.GetValue(disclose) ?? []).SelectMany(ClaimPathSyntax.ParseList).Distinct().ToList();
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
            using var store = await WalletAccess.OpenAsync(context, path, cancellationToken);
            var service = WalletAccess.CreateService(context, store, language);
            var details = WalletAccess.Check(await service.GetDetailsAsync(id, language.ToLocale(), cancellationToken), path);
            var stored = WalletAccess.Check(await store.GetAsync(id, cancellationToken), path);
            var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = host.TimeProvider });

            // Check the selection against the holder's own view before a (single-use) copy is taken.
            var issued = WalletAccess.Check(SdJwtToken.Read(stored.Raw), path);
            var disclosable = WalletAccess.Check(holder.GetDisclosableClaims(issued), path);
            var holderView = WalletAccess.Check(holder.GetClaims(issued), path);
            foreach (var selected in selection)
            {
                if (disclosable.Any(d => Overlaps(selected, d.Path)))
                {
                    continue;
                }

                if (ClaimValues.TryGet(holderView, selected, out _))
                {
                    context.Warn(language.Pick(
                        $"{ClaimPathSyntax.Format(selected)} は常に提示される項目です（開示の選択は不要）。",
                        $"{ClaimPathSyntax.Format(selected)} is always visible; it needs no disclosure."));
                    continue;
                }

                throw new CliException(new CliError(
                    WalletAccess.ClaimNotFoundCode,
                    $"The credential has no claim '{ClaimPathSyntax.Format(selected)}'.",
                    $"Run 'holder show {id}' to see its claims and paths.",
                    ExitCodes.Usage));
            }

            var copy = WalletAccess.Check(await store.TakeUnusedCopyAsync(id, cancellationToken), path);
            if (copy.HolderKeyId is null)
            {
                throw new CliException(new CliError(WalletAccess.NoHolderKeyCode, "The credential is not bound to a holder key of this wallet, so it cannot be presented with key binding.", "Import a credential bound to a key from 'holder keys create'."));
            }

            var copySdJwt = WalletAccess.Check(SdJwtToken.Read(copy.Raw), path);
            SdJwtToken presentation;
            using (var signer = WalletAccess.Check(await store.GetSignerAsync(copy.HolderKeyId, cancellationToken), path))
            {
                presentation = WalletAccess.Check(await holder.PresentAsync(copySdJwt, selection, new KeyBindingInput(aud, nonceValue), signer, cancellationToken), path);
            }

            var revealed = WalletAccess.Check(holder.GetDisclosableClaims(presentation), path).Select(d => d.Path).ToList();
            var withheld = disclosable.Select(d => d.Path).Where(p => !revealed.Contains(p)).ToList();
            var presentedView = WalletAccess.Check(holder.GetClaims(presentation), path);
            var labels = details.Claims.ToDictionary(c => c.Path, c => c.Label);

            WalletAccess.Check(
                await store.RecordPresentationAsync(
                    new PresentationRecord
                    {
                        Verifier = aud,
                        Credentials = [new DisclosedCredential { CredentialId = id, Vct = details.Credential.Vct, Claims = [.. revealed.Select(p => new DisclosedClaim(p))] }],
                    },
                    cancellationToken),
                path);

            if (outPath == "-")
            {
                if (context.Json)
                {
                    var json = Result(presentation, revealed, withheld, presentedView, labels, aud, nonceValue, outPath);
                    json["presentation"] = presentation.Serialize();
                    return context.Result(json, _ => { });
                }

                CliFiles.WriteAllText(outPath, presentation.Serialize(), overwrite, host.Output);
                return ExitCodes.Success;
            }

            CliFiles.WriteAllText(outPath, presentation.Serialize(), overwrite);
            return context.Result(Result(presentation, revealed, withheld, presentedView, labels, aud, nonceValue, outPath), console =>
            {
                console.WriteLine(Markup.Escape(language.Pick("提示を書き出しました: ", "Wrote the presentation: ")), $"{outPath} (aud {aud})");
                var table = new Table().AddColumn(language.Pick("開示する項目", "Disclosed")).AddColumn(language.Pick("値", "Value"));
                foreach (var p in revealed)
                {
                    var value = ClaimValues.TryGet(presentedView, p, out var v) ? ClaimValues.Display(v, language) : "";
                    table.AddPlainRow(labels.GetValueOrDefault(p) ?? ClaimPathSyntax.Format(p), value);
                }

                console.Write(table);
                if (withheld.Count > 0)
                {
                    var names = string.Join(", ", withheld.Select(p => labels.GetValueOrDefault(p) ?? ClaimPathSyntax.Format(p)));
                    console.WriteLine("[grey]" + Markup.Escape(language.Pick("開示しない項目: ", "Not disclosed: ")) + "[/]", names);
                }

                if (copy.Use == CredentialUse.SingleUse)
                {
                    console.WriteLine("[grey]" + Markup.Escape(language.Pick("使い捨てのコピーを1つ使いました。残り: ", "Used one single-use copy; left: ")) + "[/]", copy.RemainingCopies?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            });
        });
        return command;
    }

    private static JsonObject Result(SdJwtToken presentation, List<ClaimPath> revealed, List<ClaimPath> withheld, System.Text.Json.JsonElement view, Dictionary<ClaimPath, string> labels, string aud, string nonce, string outPath)
    {
        var disclosed = new JsonArray();
        foreach (var p in revealed)
        {
            disclosed.Add(new JsonObject
            {
                ["path"] = JsonNode.Parse(p.ToString()),
                ["label"] = labels.GetValueOrDefault(p) ?? ClaimPathSyntax.Format(p),
                ["value"] = ClaimValues.TryGet(view, p, out var v) ? ClaimValues.ToNode(v) : null,
            });
        }

        var notDisclosed = new JsonArray();
        foreach (var p in withheld)
        {
            notDisclosed.Add(JsonNode.Parse(p.ToString()));
        }

        return new JsonObject
        {
            ["out"] = outPath,
            ["aud"] = aud,
            ["nonce"] = nonce,
            ["disclosures"] = presentation.Disclosures.Length,
            ["disclosed"] = disclosed,
            ["withheld"] = notDisclosed,
        };
    }

    // A selection reveals a disclosure when one path is a prefix of the other (a subtree, or the way to a nested claim).
    private static bool Overlaps(ClaimPath selection, ClaimPath disclosure)
    {
        var n = Math.Min(selection.Length, disclosure.Length);
        for (var i = 0; i < n; i++)
        {
            var s = selection.Components[i];
            var d = disclosure.Components[i];
            if (s.IsAllElements || d.IsAllElements)
            {
                if (s.Name is not null || d.Name is not null)
                {
                    return false;
                }

                continue;
            }

            if (s != d)
            {
                return false;
            }
        }

        return true;
    }
}
