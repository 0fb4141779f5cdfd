using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Mdoc;
using Credentials.Mdoc.Certificates;
using Spectre.Console;

namespace Credentials.Samples.Issuer;

/// <summary>
/// <c>issuer issue --format mdoc</c>: a <c>driving-licence</c> claims file as an ISO/IEC 18013-5 mDL, or an
/// <c>age</c> claims file as the age twin (<c>jp.example.av.1</c>, or <c>eu.europa.ec.av.1</c> with <c>--doctype</c>),
/// signed by the document signer key with its certificate chain in <c>x5chain</c> and bound to the holder's device key.
/// The output is the <c>IssuerSigned</c> structure, CBOR in base64url (what OpenID4VCI's <c>mso_mdoc</c> format
/// delivers).
/// </summary>
internal static class MdocIssuing
{
    /// <summary>The <c>--format</c> value.</summary>
    public const string Format = "mdoc";

    /// <summary><c>issue --format mdoc --key</c>: the key is not the document signer certificate's.</summary>
    public const string MdocKeyMismatchCode = "issuer.mdoc_key_mismatch";

    /// <summary>What the command line gives an mdoc issuance.</summary>
    public sealed record Request(CredentialType Type, JsonObject Claims, string ClaimsPath, string HolderKeyPath, string KeyPath, string CertificatePath, string? DocType, string OutPath, bool Force);

    public static async Task<int> RunAsync(CliContext ctx, Request request, CancellationToken ct)
    {
        if (!MdocSampleDocuments.Supports(request.Type))
        {
            throw new CliException(new CliError(
                MdocSampleDocuments.NoMdocFormCode,
                $"--format mdoc issues a driving licence (mDL) or an age credential, and '{request.Type.Name}' is neither.",
                "Use --type driving-licence or --type age, or leave out --format to issue an SD-JWT VC.",
                ExitCodes.Usage));
        }

        if (request.DocType is { } docType && (request.Type is not AgeCredentialType || !MdocSampleDocuments.AgeDocTypes.Contains(docType, StringComparer.Ordinal)))
        {
            throw new CliException(CliErrors.InvalidOption(
                "--doctype",
                $"'{docType}' is not a document type of the age twin.",
                $"With --type age use one of {string.Join(", ", MdocSampleDocuments.AgeDocTypes)}; the licence is always {MdocDocTypes.Mdl}."));
        }

        var now = ctx.Host.TimeProvider.GetUtcNow();
        var holder = JwkFile.ReadPublic(request.HolderKeyPath, "holder public key");
        var prepared = request.Type.Prepare(request.Claims, now, request.ClaimsPath);
        MdocIssuance issuance;
        try
        {
            issuance = MdocSampleDocuments.ToIssuance(prepared, holder, request.DocType);
        }
        catch (CredentialClaimsException ex)
        {
            var problems = ex.Problems;
            throw new CliException(new CliError(
                MdocSampleDocuments.NotLatin1Code,
                $"The claims in '{request.ClaimsPath}' cannot be written as mDL elements: {string.Join("; ", problems.Select(p => $"{p.Path}: {p.Message.TrimEnd('.')}"))}.",
                "ISO/IEC 18013-5 keeps family_name, given_name and issuing_authority in Latin-1 (at most 150 characters): give the romaji in family_name#ja-Latn-JP and given_name#ja-Latn-JP; the kanji goes into *_national_character by itself.",
                ExitCodes.InputError)
            {
                Details = new JsonObject { ["problems"] = new JsonArray([.. problems.Select(p => (JsonNode)new JsonObject { ["path"] = p.Path, ["message"] = p.Message })]) },
            }, ex);
        }

        using var key = JwkFile.ReadSigningKey(request.KeyPath);
        var chain = ReadChain(request.CertificatePath);
        try
        {
            if (!MatchesKey(chain[0], key.PublicJwk))
            {
                throw new CliException(new CliError(
                    MdocKeyMismatchCode,
                    $"'{request.KeyPath}' is not the key of the document signer certificate '{request.CertificatePath}'.",
                    "Pass the key that 'issuer iaca sign --key' certified, with the certificate it wrote.",
                    ExitCodes.Usage));
            }

            if (now < chain[0].NotBefore || now > chain[0].NotAfter)
            {
                ctx.Warn($"The document signer certificate '{request.CertificatePath}' is not valid now: verifiers will refuse this mdoc.");
            }

            var issuer = new MdocIssuer(key, chain, new MdocIssuerOptions { TimeProvider = ctx.Host.TimeProvider });
            var issued = await issuer.IssueAsync(issuance, ct).ConfigureAwait(false);
            var encoded = Base64Url.EncodeToString(issued.Encode());
            if (request.OutPath != "-" || !ctx.Json)
            {
                CliFiles.WriteAllText(request.OutPath, encoded, request.Force, ctx.Host.Output);
            }

            var validity = issued.MobileSecurityObject.ValidityInfo;
            var elements = new JsonObject();
            foreach (var (ns, items) in issued.NameSpaces)
            {
                elements[ns] = new JsonArray([.. items.Select(i => (JsonNode)i.ElementIdentifier)]);
            }

            var json = new JsonObject
            {
                ["format"] = Format,
                ["type"] = request.Type.Name,
                ["docType"] = issued.DocType,
                ["elements"] = elements,
                ["validFrom"] = validity.ValidFrom.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["validUntil"] = validity.ValidUntil.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["documentSigner"] = chain[0].Subject,
                ["deviceKey"] = holder.ComputeThumbprintUri(),
                ["out"] = request.OutPath,
                ["credential"] = encoded,
            };
            return ctx.Result(json, console =>
            {
                if (request.OutPath == "-")
                {
                    return;
                }

                console.WriteLine(ctx.Language.Pick("[green]mdoc を発行しました[/]: ", "[green]Issued mdoc[/]: "), request.Type.GetDisplayName(ctx.Language) + " → " + request.OutPath);
                var table = new Table().HideHeaders().AddColumn("k").AddColumn("v");
                table.AddPlainRow("docType", issued.DocType);
                foreach (var (ns, items) in issued.NameSpaces)
                {
                    table.AddPlainRow(ns, string.Join(", ", items.Select(i => i.ElementIdentifier)));
                }

                table.AddPlainRow(ctx.Language.Pick("有効期限", "valid until"), IssueCommand.FormatInstant(validity.ValidUntil, ctx.Language));
                table.AddPlainRow(ctx.Language.Pick("署名者 (DS)", "document signer"), chain[0].Subject);
                table.AddPlainRow(ctx.Language.Pick("保有者鍵", "device key"), holder.ComputeThumbprintUri());
                console.Write(table);
            });
        }
        finally
        {
            foreach (var certificate in chain)
            {
                certificate.Dispose();
            }
        }
    }

    private static IReadOnlyList<X509Certificate2> ReadChain(string path)
    {
        var text = CliFiles.ReadAllText(path, "document signer certificate");
        try
        {
            var chain = MdocCertificates.ParsePemBundle(text);
            return chain.Count > 0 ? chain : throw new ArgumentException("no certificate in the file");
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new CliException(new CliError(IacaErrors.InvalidCertificate, $"'{path}' holds no PEM certificate: {CliErrors.Reason(ex)}", "Pass the document signer certificate written by 'issuer iaca sign'."), ex);
        }
    }

    private static bool MatchesKey(X509Certificate2 certificate, Jwk key)
    {
        using var certified = certificate.GetECDsaPublicKey();
        if (certified is null || key.X is null || key.Y is null)
        {
            return false;
        }

        var q = certified.ExportParameters(false).Q;
        return q.X is not null && q.Y is not null
            && q.X.AsSpan().SequenceEqual(Base64Url.DecodeFromChars(key.X))
            && q.Y.AsSpan().SequenceEqual(Base64Url.DecodeFromChars(key.Y));
    }
}
