using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Mdoc;
using Credentials.Samples.Common;
using Credentials.Wallet;
using Credentials.Wallet.Holder;
using Spectre.Console;

namespace Credentials.Samples.Holder;

/// <summary>
/// The mdoc side of <c>holder import</c> and <c>holder present</c>: an IssuerSigned (base64url) verified against the
/// IACA of <c>--trust</c> and stored bound to the wallet key its MSO names; a DeviceResponse with only the chosen
/// elements, device-signed over the OpenID4VP session transcript of <c>--aud</c>, <c>--nonce</c> and
/// <c>--response-uri</c>.
/// </summary>
internal static class MdocHolding
{
    /// <summary><c>present --disclose</c> of an mdoc: an element not written <c>NAMESPACE:ELEMENT</c>.</summary>
    public const string InvalidElementCode = "holder.invalid_mdoc_element";

    public static async Task<int> ImportAsync(CliContext context, UiLanguage language, string issuerSigned, string trustPath, string walletPath, CancellationToken cancellationToken)
    {
        var anchors = MdocFiles.ReadTrustAnchors(trustPath);
        try
        {
            var verifier = new MdocVerifier(new MdocVerifierOptions { TrustAnchors = anchors, TimeProvider = context.Host.TimeProvider });
            using var store = await WalletAccess.OpenForWriteAsync(context, walletPath, cancellationToken);
            var service = WalletAccess.CreateService(context, store, language, options: new CredentialWalletOptions { MdocVerifier = verifier });
            var imported = await service.ImportMdocBase64UrlAsync(issuerSigned, cancellationToken);
            if (!imported.IsValid)
            {
                var error = imported.Error;
                throw new CliException(ClaimValues.ToCliError(error, Hint(error, walletPath), WalletAccess.ExitCodeFor(error.Code)));
            }

            var value = imported.Value;
            context.Status(language.Pick(
                $"mdoc「{value.DisplayName}」({value.DocType}) を取り込みました。",
                $"Imported the mdoc '{value.DisplayName}' ({value.DocType})."));
            return context.Result(
                new JsonObject
                {
                    ["id"] = value.Id,
                    ["displayName"] = value.DisplayName,
                    ["format"] = value.Format,
                    ["docType"] = value.DocType,
                    ["holderKey"] = value.HolderKeyId,
                    ["expiresAt"] = value.ExpiresAt?.ToString("O"),
                },
                console => console.WriteLine(value.Id));
        }
        finally
        {
            foreach (var anchor in anchors)
            {
                anchor.Dispose();
            }
        }
    }

    /// <summary>The <c>--disclose</c> values of an mdoc: <c>NAMESPACE:ELEMENT</c>, comma-separated, by namespace.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyCollection<string>> ParseElements(IEnumerable<string> values)
    {
        var selection = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var item in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var colon = item.LastIndexOf(':');
            if (colon <= 0 || colon == item.Length - 1)
            {
                throw new CliException(new CliError(
                    InvalidElementCode,
                    $"'{item}' does not name an mdoc data element.",
                    "Write NAMESPACE:ELEMENT, for example org.iso.18013.5.1:age_over_20 ('holder show ID' lists them).",
                    ExitCodes.Usage));
            }

            var ns = item[..colon];
            if (!selection.TryGetValue(ns, out var names))
            {
                selection[ns] = names = [];
            }

            if (!names.Contains(item[(colon + 1)..], StringComparer.Ordinal))
            {
                names.Add(item[(colon + 1)..]);
            }
        }

        if (selection.Count == 0)
        {
            throw new CliException(new CliError(
                InvalidElementCode,
                "An mdoc presentation needs at least one element to disclose.",
                "Add --disclose NAMESPACE:ELEMENT, for example org.iso.18013.5.1:age_over_20.",
                ExitCodes.Usage));
        }

        return selection.ToDictionary(p => p.Key, p => (IReadOnlyCollection<string>)p.Value, StringComparer.Ordinal);
    }

    public static async Task<int> PresentAsync(CliContext context, UiLanguage language, CredentialWallet service, string walletPath, string credentialId, IEnumerable<string> disclose, string clientId, string nonce, string? responseUri, string outPath, bool overwrite, CancellationToken cancellationToken)
    {
        var elements = ParseElements(disclose);

        // OpenID4VP 1.0 Appendix B.2.6.1: the redirect flow's handover binds client_id, nonce, the response encryption
        // key's thumbprint (none: not encrypted) and the response_uri.
        var uri = responseUri ?? clientId;
        var transcript = SessionTranscript.ForOpenId4Vp(clientId, nonce, null, uri);
        var presented = WalletAccess.Check(await service.PresentMdocAsync(credentialId, elements, transcript, clientId, cancellationToken), walletPath);
        var disclosed = new JsonArray([.. elements.SelectMany(p => p.Value.Select(n => (JsonNode)$"{p.Key}:{n}"))]);
        var json = new JsonObject
        {
            ["out"] = outPath,
            ["format"] = "mso_mdoc",
            ["docType"] = presented.DocType,
            ["clientId"] = clientId,
            ["nonce"] = nonce,
            ["responseUri"] = uri,
            ["disclosed"] = disclosed,
            ["withheld"] = presented.Withheld.Length,
            ["use"] = presented.Use.ToString(),
            ["remainingCopies"] = presented.RemainingCopies,
            ["logEntry"] = presented.LogEntryId,
        };
        if (outPath == "-")
        {
            if (context.Json)
            {
                json["presentation"] = presented.DeviceResponse;
                return context.Result(json, _ => { });
            }

            CliFiles.WriteAllText(outPath, presented.DeviceResponse, overwrite, context.Host.Output);
            return ExitCodes.Success;
        }

        CliFiles.WriteAllText(outPath, presented.DeviceResponse, overwrite);
        return context.Result(json, console =>
        {
            console.WriteLine(Markup.Escape(language.Pick("mdoc の提示 (DeviceResponse) を書き出しました: ", "Wrote the mdoc presentation (DeviceResponse): ")), $"{outPath} (client_id {clientId})");
            var table = new Table().AddColumn(language.Pick("開示する項目", "Disclosed")).AddColumn(language.Pick("値", "Value"));
            foreach (var claim in presented.Disclosed)
            {
                table.AddPlainRow(claim.Label, claim.Value.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "" : ClaimValues.Display(claim.Value, language));
            }

            console.Write(table);
            console.WriteLine("[grey]" + Markup.Escape(language.Pick("開示しない項目の数: ", "Elements not disclosed: ")) + "[/]", presented.Withheld.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (presented.Use == CredentialUse.SingleUse)
            {
                console.WriteLine("[grey]" + Markup.Escape(language.Pick("使い捨てのコピーを1つ使いました。残り: ", "Used one single-use copy; left: ")) + "[/]", presented.RemainingCopies?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });
    }

    private static string Hint(VerificationError error, string walletPath)
    {
        var code = error.Code;
        if (code == HolderErrors.HolderBindingMissing || code == HolderErrors.HolderKeyMismatch)
        {
            return $"The mdoc's device key must be one of this wallet's keys: 'holder keys export --public --out holder.pub.jwk --wallet {walletPath}', then have the issuer use --holder-key holder.pub.jwk.";
        }

        if (code.IsInFamily("wallet"))
        {
            return WalletAccess.Hint(code, walletPath) ?? "See 'holder --help'.";
        }

        return error.Kind switch
        {
            VerificationFailureKind.UntrustedIssuer => "The document signer does not chain to the IACA of --trust: pass the IACA certificate of the mdoc's issuer ('issuer iaca create').",
            VerificationFailureKind.Expired or VerificationFailureKind.NotYetValid => "Ask the issuer for a current mdoc.",
            _ => "The file is not a valid mdoc IssuerSigned; pass the file 'issuer issue --format mdoc' wrote. Nothing was stored.",
        };
    }
}
