using System;
using System.CommandLine;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Spectre.Console;

namespace Credentials.Samples.Issuer;

internal static class IssueCommand
{
    public static Command Create(CliHost host)
    {
        var options = new IssueOptions();
        var type = new Option<string?>("--type");
        var vct = new Option<string?>("--vct");
        var sd = new Option<string?>("--sd");
        var validDays = new Option<int>("--valid-days") { DefaultValueFactory = _ => 365 };
        var claims = new Option<string>("--claims") { Required = true };
        var holderKey = new Option<string?>("--holder-key");
        var output = new Option<string>("--out") { Required = true };
        var format = new Option<string>("--format") { DefaultValueFactory = _ => BadgeIssuance.SdJwtVc };
        format.AcceptOnlyFromAmong([.. BadgeIssuance.Formats, MdocIssuing.Format]);
        var cert = new Option<string?>("--cert");
        var docType = new Option<string?>("--doctype");
        var command = new Command("issue") { type, vct, sd, validDays, claims, holderKey, format, cert, docType, output };
        options.AddTo(command);
        command.Validators.Add(result =>
        {
            var hasType = result.GetValue(type) is not null;
            var hasVct = result.GetValue(vct) is not null;
            if (hasType == hasVct)
            {
                result.AddError("Give either --type NAME or --vct URI (with --sd PATH,...).");
            }
            else if (hasType && result.GetValue(sd) is not null)
            {
                result.AddError("--sd goes with --vct; with --type the type metadata decides what is disclosable.");
            }
            else if (hasVct && result.GetValue(format) is { } chosenFormat && chosenFormat != BadgeIssuance.SdJwtVc)
            {
                result.AddError(chosenFormat == MdocIssuing.Format
                    ? "--format mdoc issues --type driving-licence or --type age, not a --vct."
                    : $"--format {chosenFormat} issues an award of --type ipa-exam or dss-skill, not a --vct.");
            }

            var isMdoc = result.GetValue(format) == MdocIssuing.Format;
            if (isMdoc && (result.GetValue(cert) is null || result.GetValue(holderKey) is null))
            {
                result.AddError("--format mdoc needs --cert (the document signer certificate of --key, from 'issuer iaca sign') and --holder-key (the device key the mdoc is bound to).");
            }
            else if (!isMdoc && result.GetValue(docType) is not null)
            {
                result.AddError("--doctype goes with --format mdoc.");
            }
            else if (!isMdoc && result.GetValue(cert) is not null && result.GetValue(format) is { } certFormat && certFormat != BadgeIssuance.SdJwtVc)
            {
                result.AddError("--cert goes with --format mdoc (x5chain) or sd-jwt-vc (x5c).");
            }
            else if (!isMdoc && result.GetValue(cert) is not null && result.GetValue(options.Issuer) is null)
            {
                result.AddError("--cert needs --issuer: the https URL the certificate names.");
            }
            else if (isMdoc && (result.GetValue(options.StatusList) is not null || result.GetValue(options.Issuer) is not null))
            {
                result.AddError("--format mdoc takes neither --status-list nor --issuer: the document signer certificate names the issuer, and the sample mdocs are short-lived instead of revocable.");
            }
        });

        command.SetCliAction(host, async (ctx, ct) =>
        {
            var now = ctx.Host.TimeProvider.GetUtcNow();
            var claimsPath = ctx.GetValue(claims)!;
            var outPath = ctx.GetValue(output)!;
            var force = ctx.GetValue(options.Force);
            if (outPath != "-")
            {
                CliFiles.EnsureWritable(outPath, force);
            }

            var credentialType = ctx.GetValue(type) is { } typeName ? CredentialTypes.Get(typeName) : null;
            if (ctx.GetValue(format) == MdocIssuing.Format)
            {
                return await MdocIssuing.RunAsync(
                    ctx,
                    new MdocIssuing.Request(credentialType!, CliJson.ReadObjectFile(claimsPath, "claims"), claimsPath, ctx.GetValue(holderKey)!, ctx.GetValue(options.Key)!, ctx.GetValue(cert)!, ctx.GetValue(docType), outPath, force),
                    ct).ConfigureAwait(false);
            }

            if (ctx.GetValue(format) is { } chosen && chosen != BadgeIssuance.SdJwtVc)
            {
                var badgeHolder = ctx.GetValue(holderKey) is { } badgeHolderPath ? JwkFile.ReadPublic(badgeHolderPath, "holder public key") : null;
                return await BadgeIssuance.RunAsync(
                    ctx,
                    new BadgeIssuance.Request(chosen, credentialType!, CliJson.ReadObjectFile(claimsPath, "claims"), claimsPath, badgeHolder, ctx.GetValue(options.Key)!, ctx.GetValue(options.Issuer), ctx.GetValue(options.StatusList), ctx.GetValue(options.StatusUri), outPath, force),
                    ct).ConfigureAwait(false);
            }

            var identity = IssuerIdentity.Load(ctx.GetValue(options.Key)!, ctx.GetValue(options.Issuer));
            var document = CliJson.ReadObjectFile(claimsPath, "claims");
            var holder = ctx.GetValue(holderKey) is { } holderPath ? JwkFile.ReadPublic(holderPath, "holder public key") : null;
            var issuance = credentialType is not null
                ? credentialType.Prepare(document, now, claimsPath).ToIssuance(holder)
                : CustomIssuance(ctx.GetValue(vct)!, ClaimPathSyntax.ParseList(ctx.GetValue(sd)), document, claimsPath, now, ctx.GetValue(validDays), holder);

            using var key = identity.CreateSigner();
            if (ctx.GetValue(options.StatusList) is { } database)
            {
                var lists = await StatusListDatabase.OpenAsync(database, key, identity.Issuer, ctx.Host.TimeProvider, mustExist: false, ct).ConfigureAwait(false);
                issuance = issuance with { Status = await lists.AllocateAsync(ctx.GetValue(options.StatusUri)!, ct).ConfigureAwait(false) };
            }

            using var chain = ctx.GetValue(cert) is { } chainPath ? IssuerCertificates.ReadChain(chainPath) : null;
            var issuer = IssuerCertificates.CreateSdJwtVcIssuer(key, identity.PublicJwk, chain, new SdJwtVcIssuerOptions { Issuer = identity.Issuer, TimeProvider = ctx.Host.TimeProvider, CertificateChain = chain }, ctx.GetValue(options.Key)!, ctx.GetValue(cert));
            var credential = (await issuer.IssueAsync(issuance, ct).ConfigureAwait(false)).Serialize();
            if (outPath != "-" || !ctx.Json)
            {
                CliFiles.WriteAllText(outPath, credential, force, ctx.Host.Output);
            }

            var json = Describe(issuance, identity.Issuer, credential.Count(c => c == '~') - 1);
            json["out"] = outPath;
            json["credential"] = credential;
            json["x5c"] = chain is null ? null : chain.ToX5c().Length;
            return ctx.Result(json, console =>
            {
                if (outPath == "-")
                {
                    return;
                }

                var name = CredentialTypes.TryGetByVct(issuance.Vct, out var t) ? t.GetDisplayName(ctx.Language) : issuance.Vct;
                console.WriteLine(ctx.Language.Pick("[green]発行しました[/]: ", "[green]Issued[/]: "), name + " → " + outPath);
                var table = new Table().HideHeaders().AddColumn("k").AddColumn("v");
                table.AddPlainRow("iss", identity.Issuer);
                if (chain is not null)
                {
                    table.AddPlainRow("x5c", chain.Leaf.Subject);
                }
                table.AddPlainRow("vct", issuance.Vct);
                table.AddPlainRow(ctx.Language.Pick("有効期限", "expires"), FormatInstant(issuance.ExpiresAt, ctx.Language));
                table.AddRow(ctx.Language.Pick("開示可能な項目数", "disclosures"), json["disclosures"]!.ToString());
                table.AddPlainRow(ctx.Language.Pick("保有者鍵", "holder key"), holder?.ComputeThumbprintUri() ?? ctx.Language.Pick("なし（保有者に紐付けなし）", "none (not holder-bound)"));
                if (issuance.Status is { } status)
                {
                    table.AddPlainRow(ctx.Language.Pick("失効リスト", "status"), $"{status.Uri} #{status.Index}");
                }

                console.Write(table);
            });
        });
        return command;
    }

    internal static JsonObject Describe(SdJwtVcIssuance issuance, string issuer, int disclosures) => new()
    {
        ["vct"] = issuance.Vct,
        ["type"] = CredentialTypes.TryGetByVct(issuance.Vct, out var t) ? t.Name : null,
        ["iss"] = issuer,
        ["exp"] = issuance.ExpiresAt?.ToUnixTimeSeconds(),
        ["expiresAt"] = issuance.ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["disclosures"] = disclosures,
        ["holderBound"] = issuance.HolderKey is not null,
        ["status"] = issuance.Status is { } s ? new JsonObject { ["uri"] = s.Uri, ["idx"] = s.Index } : null,
    };

    internal static string FormatInstant(DateTimeOffset? instant, UiLanguage language)
    {
        if (instant is not { } value)
        {
            return "-";
        }

        var jst = TimeZoneInfo.ConvertTime(value, JapanTime.Zone);
        var date = DateOnly.FromDateTime(jst.DateTime);
        var time = jst.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return language == UiLanguage.Japanese
            ? $"{JapaneseEra.Format(date)} {time} JST ({value.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})"
            : $"{IsoDate.Format(date)} {time} JST ({value.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})";
    }

    private static SdJwtVcIssuance CustomIssuance(string vct, System.Collections.Generic.IReadOnlyList<ClaimPath> disclosable, JsonObject claims, string source, DateTimeOffset now, int validDays, Jwk? holder)
    {
        if (!Uri.TryCreate(vct, UriKind.Absolute, out _) && !vct.StartsWith("urn:", StringComparison.Ordinal))
        {
            throw new CliException(CliErrors.InvalidOption("--vct", $"'{vct}' is not a URI.", "A vct is a URI, for example https://credentials.example.jp/vct/my-type/v1."));
        }

        if (validDays <= 0)
        {
            throw new CliException(CliErrors.InvalidOption("--valid-days", "must be a positive number of days."));
        }

        // A path that names no claim would silently issue that claim in plain text, with no disclosure at all.
        using (var document = System.Text.Json.JsonDocument.Parse(claims.ToJsonString()))
        {
            foreach (var path in disclosable)
            {
                if (!path.TrySelect(document.RootElement, out var selected) || selected.Count == 0)
                {
                    throw new CliException(new CliError(
                        IssuerErrors.SdClaimNotFound,
                        $"--sd {ClaimPathSyntax.Format(path)} names no claim in '{source}'; nothing was issued.",
                        "Each --sd path must name a claim of the claims file (names are case-sensitive; [] selects every element of an array): fix the path or the claims file.",
                        ExitCodes.Usage));
                }
            }
        }

        var registered = CredentialType.RegisteredClaims.Where(claims.ContainsKey).Select(n => new ClaimProblem(n, "is a registered claim set by the issuer; remove it from the claims.")).ToList();
        if (registered.Count > 0)
        {
            throw new CredentialClaimsException(registered, source);
        }

        return new SdJwtVcIssuance
        {
            Vct = vct,
            Claims = SdClaimsBuilder.Build(claims, SdClaimsBuilder.FromPaths(disclosable)),
            HolderKey = holder,
            NotBefore = now,
            ExpiresAt = now.AddDays(validDays),
        };
    }
}
