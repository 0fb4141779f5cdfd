using System;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Mdoc;
using Credentials.Samples.Common;
using Spectre.Console;

namespace Credentials.Samples.Verifier;

/// <summary>
/// <c>verifier verify</c> of an ISO/IEC 18013-5 DeviceResponse (base64url CBOR, as in an OpenID4VP <c>vp_token</c> for
/// <c>mso_mdoc</c>): the document signer chain to the IACA of <c>--trust</c>, the MSO signature, the digest of every
/// presented element, the document type, the validity and the device signature over the OpenID4VP session transcript
/// of <c>--aud</c>, <c>--nonce</c> and <c>--response-uri</c>. Prints the verified elements per namespace, and every check.
/// </summary>
internal static class MdocVerification
{
    /// <summary>What the command line gives an mdoc verification.</summary>
    public sealed record Settings(string? Trust, string? Audience, string? Nonce, string? ResponseUri);

    public static int Run(CliContext context, UiLanguage language, string text, Settings settings)
    {
        var trustPath = settings.Trust ?? throw new CliException(CliErrors.InvalidOption(
            "--trust",
            "is required for an mdoc presentation.",
            "Pass the IACA certificate (PEM, from 'issuer iaca create') that the document signer certificate chains to."));
        if (settings.Audience is null || settings.Nonce is null)
        {
            throw new CliException(CliErrors.InvalidOption(
                settings.Audience is null ? "--aud" : "--nonce",
                "An mdoc presentation is signed for one session: give --aud (the verifier's client_id) and --nonce (and --response-uri when it differs from --aud).",
                "Use the values of the request the holder answered (holder present --aud ... --nonce ...)."));
        }

        var anchors = MdocFiles.ReadTrustAnchors(trustPath);
        try
        {
            // OpenID4VP 1.0 Appendix B.2.6.1: the redirect flow's OpenID4VPHandover binds client_id, nonce, the
            // encryption key's thumbprint (none here: the response is not encrypted) and the response_uri.
            var responseUri = settings.ResponseUri ?? settings.Audience;
            var transcript = SessionTranscript.ForOpenId4Vp(settings.Audience, settings.Nonce, null, responseUri);
            var verifier = new MdocVerifier(new MdocVerifierOptions
            {
                TrustAnchors = anchors,
                TimeProvider = context.Host.TimeProvider,
            });
            var result = verifier.Verify(Base64Url.DecodeFromChars(text.AsSpan().Trim()), transcript);
            var session = new JsonObject { ["clientId"] = settings.Audience, ["nonce"] = settings.Nonce, ["responseUri"] = responseUri };
            if (!result.IsValid)
            {
                var json = new JsonObject
                {
                    ["valid"] = false,
                    ["format"] = CredentialFormats.Mdoc,
                    ["session"] = session,
                    ["error"] = ClaimValues.ToJson(result.Error),
                    ["checks"] = ChecksJson(result),
                };
                return context.NegativeResult(json, console =>
                {
                    console.MarkupLine("[red]✗ " + Markup.Escape(language.Pick("検証に失敗しました", "Verification failed")) + "[/]");
                    console.Write(ChecksTable(result, language));
                });
            }

            var documents = new JsonArray();
            foreach (var document in result.Value.Documents)
            {
                var elements = new JsonObject();
                foreach (var (ns, values) in document.Elements)
                {
                    var members = new JsonObject();
                    foreach (var (name, value) in values)
                    {
                        members[name] = JsonNode.Parse(value.ToJson());
                    }

                    elements[ns] = members;
                }

                var validity = document.MobileSecurityObject.ValidityInfo;
                documents.Add(new JsonObject
                {
                    ["docType"] = document.DocType,
                    ["documentSigner"] = document.DocumentSigner.Subject,
                    ["deviceAuthentication"] = document.DeviceAuthentication.ToString(),
                    ["validFrom"] = validity.ValidFrom.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["validUntil"] = validity.ValidUntil.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["elements"] = elements,
                });
            }

            var ok = new JsonObject
            {
                ["valid"] = true,
                ["format"] = CredentialFormats.Mdoc,
                ["session"] = session,
                ["documents"] = documents,
                ["checks"] = ChecksJson(result),
            };
            return context.Result(ok, console =>
            {
                console.Write(new Text(language.Pick("mdoc 提示 (ISO/IEC 18013-5 DeviceResponse)", "mdoc presentation (ISO/IEC 18013-5 DeviceResponse)"), new Style(decoration: Decoration.Bold)));
                console.WriteLine();
                console.WriteLine(Markup.Escape(language.Pick("セッション: ", "Session: ")), $"client_id {settings.Audience}, nonce {settings.Nonce}, response_uri {responseUri}");
                foreach (var document in result.Value.Documents)
                {
                    console.WriteLine("docType: ", document.DocType);
                    console.WriteLine(Markup.Escape(language.Pick("署名者 (DS): ", "Document signer: ")), document.DocumentSigner.Subject);
                    console.WriteLine(Markup.Escape(language.Pick("有効期限: ", "Valid until: ")), document.MobileSecurityObject.ValidityInfo.ValidUntil.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                    var table = new Table()
                        .AddColumn(language.Pick("名前空間", "Namespace"))
                        .AddColumn(language.Pick("開示された項目", "Disclosed element"))
                        .AddColumn(language.Pick("値", "Value"));
                    foreach (var (ns, values) in document.Elements)
                    {
                        foreach (var (name, value) in values)
                        {
                            table.AddPlainRow(ns, name, Display(value, language));
                        }
                    }

                    console.Write(table);
                }

                console.Write(ChecksTable(result, language));
                console.MarkupLine("[green]✓ " + Markup.Escape(language.Pick("検証に成功しました（各項目を MSO のダイジェストと照合済み）", "Verified (each element matched against the MSO's digests)")) + "[/]");
            });
        }
        finally
        {
            foreach (var anchor in anchors)
            {
                anchor.Dispose();
            }
        }
    }

    private static string Display(MdocValue value, UiLanguage language)
    {
        if (value.TryGetBytes(out var bytes))
        {
            return language.Pick($"（バイナリ {bytes.Length} バイト）", $"(binary, {bytes.Length} bytes)");
        }

        using var document = JsonDocument.Parse(value.ToJson());
        return ClaimValues.Display(document.RootElement, language);
    }

    private static Table ChecksTable(MdocVerificationResult result, UiLanguage language)
    {
        var table = new Table().AddColumn(language.Pick("検査", "Check")).AddColumn(language.Pick("結果", "Result")).AddColumn(language.Pick("エラーコード", "Error code")).AddColumn(language.Pick("理由", "Reason"));
        foreach (var check in result.Checks)
        {
            var failed = check.Outcome == CheckOutcome.Failed;
            var error = check.Error ?? (failed ? result.Error : null);
            table.AddRow(
                CliText.Plain(check.DocumentIndex >= 0 ? $"{check.Check} (#{check.DocumentIndex + 1})" : check.Check.ToString()),
                new Markup(VerifyCommand.Outcome(check.Outcome, language)),
                new Text(failed && error is not null ? VerifyCommand.Codes(error) : "", new Style(Color.Red)),
                CliText.Plain(failed && error is not null ? ClaimValues.Describe(error) : ""));
        }

        return table;
    }

    private static JsonArray ChecksJson(MdocVerificationResult result)
    {
        var array = new JsonArray();
        foreach (var check in result.Checks)
        {
            var item = new JsonObject { ["check"] = check.Check.ToString(), ["outcome"] = check.Outcome.ToString(), ["document"] = check.DocumentIndex };
            var error = check.Error ?? (check.Outcome == CheckOutcome.Failed ? result.Error : null);
            if (error is not null)
            {
                item["error"] = ClaimValues.ToJson(error);
            }

            array.Add(item);
        }

        return array;
    }
}
