using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Credentials.Samples.Common;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Wallet.Holder;

namespace Credentials.Samples.Holder;

/// <summary><c>holder import --trust T FILE</c>: verifies a credential and stores it.</summary>
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
            var credential = CliFiles.ReadAllText(credentialPath, "credential").Trim();
            if (credential.Length == 0)
            {
                throw new CliException(new CliError(SdJwtErrors.Malformed.Value, $"The credential file '{credentialPath}' is empty.", "Pass the file written by 'issuer issue'."));
            }

            using var issuers = IssuerTrust.Load(context.GetValue(trust)!, context.GetValue(allowLocal));
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
