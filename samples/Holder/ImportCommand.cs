using System;
using System.CommandLine;
using System.Linq;
using System.Text.Json.Nodes;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.W3c;
using Credentials.W3c.BitstringStatus;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.OpenBadges;
using Credentials.W3c.OpenBadges.Baking;
using Credentials.W3c.VcJose;
using Spectre.Console;
using Credentials.Samples.Common;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Wallet.Holder;

namespace Credentials.Samples.Holder;

/// <summary>
/// <c>holder import --trust T FILE</c>: verifies a credential and stores it: an SD-JWT VC, or a W3C credential such as
/// an Open Badge (its JSON, its JWT, or a PNG or SVG image it is baked into).
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliHost host)
    {
        var wallet = HolderOptions.Wallet(host);
        var trust = new Option<string>("--trust")
        {
            Required = true,
        };
        var skipStatus = new Option<bool>("--skip-status");
        var allowLocal = new Option<bool>("--allow-local-network");
        var lang = HolderOptions.Language();
        var file = new Argument<string>("CREDENTIAL_FILE");
        var command = new Command("import")
        {
            wallet, trust, skipStatus, allowLocal, lang, file,
        };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var language = HolderOptions.ResolveLanguage(context, lang);
            var credentialPath = context.GetValue(file)!;
            var bytes = CliFiles.ReadAllBytes(credentialPath, "credential");
            string credential;
            var baked = IsImage(bytes);
            if (baked)
            {
                // Open Badges 3.0 section 5.3: the credential baked into the image is what is verified and stored.
                var read = new BakedBadgeReader().Read(bytes);
                if (!read.IsValid)
                {
                    throw new CliException(ClaimValues.ToCliError(read.Error, "The image carries no badge that can be read; import the image the issuer baked ('issuer bake')."));
                }

                credential = read.Value.Text.Trim();
            }
            else
            {
                credential = CliFiles.ReadAllText(credentialPath, "credential").Trim();
            }

            if (credential.Length == 0)
            {
                throw new CliException(new CliError(SdJwtErrors.Malformed.Value, $"The credential file '{credentialPath}' is empty.", "Pass the file written by 'issuer issue'."));
            }

            if (!baked && MdocFiles.LooksLikeMdoc(credential))
            {
                // An ISO mdoc (IssuerSigned, base64url): trusted by the IACA certificate of --trust.
                return await MdocHolding.ImportAsync(context, language, credential, context.GetValue(trust)!, context.GetValue(wallet)!, cancellationToken);
            }

            using var issuers = IssuerTrust.Load(context.GetValue(trust)!, context.GetValue(allowLocal));
            if (baked || IsW3c(credential))
            {
                return await ImportW3cAsync(context, language, credential, baked, issuers, context.GetValue(wallet)!, context.GetValue(allowLocal), context.GetValue(skipStatus), cancellationToken);
            }

            var typeMetadata = ClaimValues.LoadTypeMetadata();
            var noStatus = context.GetValue(skipStatus);
            var verifier = new SdJwtVcVerifier(
                issuers.KeyResolver,
                noStatus ? null : issuers.CreateStatusResolver(host.TimeProvider),
                typeMetadata,
                options: new SdJwtVcVerifierOptions { TimeProvider = host.TimeProvider });
            var path = context.GetValue(wallet)!;
            using var store = await WalletAccess.OpenForWriteAsync(context, path, cancellationToken);
            var service = WalletAccess.CreateService(
                context,
                store,
                language,
                verifier,
                new CredentialWalletOptions
                {
                    ImportStatus = noStatus ? StatusCheck.Skip : StatusCheck.IfPresent,
                    IssuerAuthorization = issuers.Authorization,
                });
            var imported = await service.ImportAsync(credential, cancellationToken);
            if (!imported.IsValid)
            {
                var error = imported.Error;
                throw new CliException(ClaimValues.ToCliError(error, Hint(error, path, issuers, credential), WalletAccess.ExitCodeFor(error.Code)));
            }

            var value = imported.Value;
            context.Status(language.Pick(
                $"「{value.DisplayName}」を取り込みました（発行者: {value.Issuer ?? "-"}）。",
                $"Imported '{value.DisplayName}' from {value.Issuer ?? "an unnamed issuer"}."));
            return context.Result(
                new JsonObject
                {
                    ["id"] = value.Id,
                    ["displayName"] = value.DisplayName,
                    ["vct"] = value.Vct,
                    ["issuer"] = value.Issuer,
                    ["expiresAt"] = value.ExpiresAt?.ToString("O"),
                    ["hasTypeMetadata"] = value.HasTypeMetadata,
                },
                console => console.WriteLine(value.Id));
        });
        return command;
    }

    /// <summary>A W3C credential (JSON with a proof, or a compact JWS without '~') rather than an SD-JWT VC.</summary>
    private static bool IsW3c(string credential)
        => credential.StartsWith('{') || (!credential.Contains('~', StringComparison.Ordinal) && credential.Count(c => c == '.') == 2);

    private static bool IsImage(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]))
        {
            return true;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        bytes = bytes.TrimStart(" \t\r\n"u8);
        return bytes.Length > 0 && bytes[0] == (byte)'<';
    }

    /// <summary>
    /// Verifies a W3C credential (an Open Badge among them) with the issuers of <c>--trust</c> (a DID or a trust list)
    /// and its Bitstring Status List, checks it is bound to one of the wallet's keys, and stores it.
    /// </summary>
    private static async System.Threading.Tasks.Task<int> ImportW3cAsync(CliContext context, UiLanguage language, string credential, bool baked, IssuerTrust issuers, string path, bool allowLocal, bool noStatus, System.Threading.CancellationToken cancellationToken)
    {
        if (issuers.TrustedKey is not null)
        {
            throw new CliException(CliErrors.InvalidOption("--trust", "names a key, and a W3C credential (an Open Badge) is trusted by its issuer's DID.", "Pass the issuer's DID (issuer did --key FILE) or a trust list with --trust."));
        }

        var timeProvider = context.Host.TimeProvider;
        var fetch = HttpFetchOptions.Default with
        {
            RequireHttps = !allowLocal,
            AddressPolicy = allowLocal ? HttpAddressPolicy.PublicAndLoopback : HttpAddressPolicy.PublicOnly,
        };
        using var http = GuardedHttpHandler.CreateClient(fetch);
        var dids = DidResolver.CreateDefault(http, new DidWebResolverOptions { Http = fetch });
        var options = new W3cCredentialVerifierOptions
        {
            TrustedIssuers = issuers.Issuers.Select(i => i.Issuer).ToHashSet(StringComparer.Ordinal),
            Status = noStatus ? StatusCheck.Skip : StatusCheck.IfPresent,
            TimeProvider = timeProvider,
            DataIntegrity = DataIntegrityVerifierOptions.Default with { TimeProvider = timeProvider },
            VcJwt = new VcJwtVerifierOptions { TimeProvider = timeProvider },
            OpenBadgeJwt = OpenBadgeJwtVerifierOptions.Default with { TimeProvider = timeProvider },
        };
        var statusLists = noStatus ? null : new BitstringStatusListResolver(new W3cCredentialVerifier(dids, options with { Status = StatusCheck.Skip }), new HttpFetcher(http, fetch, timeProvider), timeProvider: timeProvider);
        using var store = await WalletAccess.OpenForWriteAsync(context, path, cancellationToken);
        var service = WalletAccess.CreateService(context, store, language, options: new CredentialWalletOptions { W3cVerifier = new W3cCredentialVerifier(dids, options, statusLists) });
        var imported = await service.ImportW3cAsync(credential, cancellationToken);
        if (!imported.IsValid)
        {
            var error = imported.Error;
            throw new CliException(ClaimValues.ToCliError(error, Hint(error, path, issuers, credential), WalletAccess.ExitCodeFor(error.Code)));
        }

        var value = imported.Value;
        context.Status(language.Pick(
            $"「{value.DisplayName}」を取り込みました（発行者: {value.Issuer ?? "-"}）。",
            $"Imported '{value.DisplayName}' from {value.Issuer ?? "an unnamed issuer"}."));
        return context.Result(
            new JsonObject
            {
                ["id"] = value.Id,
                ["displayName"] = value.DisplayName,
                ["format"] = value.Format,
                ["bakedImage"] = baked,
                ["issuer"] = value.Issuer,
                ["expiresAt"] = value.ExpiresAt?.ToString("O"),
            },
            console => console.WriteLine(value.Id));
    }

    private static string Hint(VerificationError error, string walletPath, IssuerTrust issuers, string credential)
    {
        var code = error.Code;
        if (code == HolderErrors.HolderBindingMissing || code == HolderErrors.HolderKeyMismatch)
        {
            return $"The credential must be bound to one of this wallet's keys: 'holder keys export --public --out holder.pub.jwk --wallet {walletPath}', then have the issuer use --holder-key holder.pub.jwk.";
        }

        if (code.IsInFamily("status") && error.Kind != VerificationFailureKind.Revoked)
        {
            return "The credential's status list could not be fetched or read, so it is not known whether the issuer revoked it. If the issuer publishes it on this machine (issuer serve --status-list), add --allow-local-network; to import without the check (offline, at your own risk), add --skip-status.";
        }

        if (TrustHints.For(error, issuers, credential) is { } trustHint)
        {
            return trustHint;
        }

        if (code.IsInFamily("wallet"))
        {
            return WalletAccess.Hint(code, walletPath) ?? "See 'holder --help'.";
        }

        return error.Kind switch
        {
            VerificationFailureKind.Malformed or VerificationFailureKind.InvalidDisclosure or VerificationFailureKind.UnsupportedAlgorithm
                => "The file is not a valid SD-JWT VC; pass the credential exactly as the issuer wrote it.",
            VerificationFailureKind.Expired or VerificationFailureKind.NotYetValid => "Ask the issuer for a current credential.",
            VerificationFailureKind.Revoked => "The issuer has revoked or suspended this credential.",
            VerificationFailureKind.KeyBindingFailed => "This is a presentation, not an issued credential; import the file the issuer wrote.",
            _ => "Nothing was stored.",
        };
    }
}
