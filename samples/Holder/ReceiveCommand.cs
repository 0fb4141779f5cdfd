using System;
using System.CommandLine;
using System.Text.Json.Nodes;
using Credentials.Http;
using Credentials.Samples.Common;
using Credentials.SdJwtVc;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vci;
using Spectre.Console;

namespace Credentials.Samples.Holder;

/// <summary>
/// <c>holder receive OFFER_URI</c>: takes a credential offered over OpenID4VCI (pre-authorized code), after asking
/// for consent unless <c>--yes</c>; the credential is verified like <c>import</c> and bound to a new holder key.
/// </summary>
internal static class ReceiveCommand
{
    public const string TransactionCodeRequiredCode = "holder.tx_code_required";

    public static Command Create(CliHost host)
    {
        var wallet = HolderOptions.Wallet(host);
        var trust = new Option<string>("--trust") { Required = true };
        var txCode = new Option<string?>("--tx-code");
        var configuration = new Option<string?>("--credential-configuration");
        var yes = new Option<bool>("--yes", "-y");
        var skipStatus = new Option<bool>("--skip-status");
        var allowLocal = new Option<bool>("--allow-local-network");
        var timeout = new Option<int>("--timeout") { DefaultValueFactory = _ => (int)OpenId4VciClientOptions.Default.Http.Timeout.TotalSeconds };
        var lang = HolderOptions.Language();
        var offer = new Argument<string>("OFFER_URI");
        var command = new Command("receive")
        {
            wallet, trust, txCode, configuration, yes, skipStatus, allowLocal, timeout, lang, offer,
        };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var language = HolderOptions.ResolveLanguage(context, lang);
            var local = context.GetValue(allowLocal);
            if (context.GetValue(timeout) is < 1 or > 600)
            {
                throw new CliException(CliErrors.InvalidOption("--timeout", "must be between 1 and 600 seconds."));
            }

            var fetchTimeout = TimeSpan.FromSeconds(context.GetValue(timeout));
            var noStatus = context.GetValue(skipStatus);
            using var issuers = IssuerTrust.Load(context.GetValue(trust)!, local);
            var path = context.GetValue(wallet)!;
            using var store = await WalletAccess.OpenForWriteAsync(context, path, cancellationToken);
            var verifier = new SdJwtVcVerifier(
                issuers.KeyResolver,
                noStatus ? null : issuers.CreateStatusResolver(host.TimeProvider),
                ClaimValues.LoadTypeMetadata(),
                options: new SdJwtVcVerifierOptions { TimeProvider = host.TimeProvider });
            var service = WalletAccess.CreateService(context, store, language, verifier, new CredentialWalletOptions
            {
                ImportStatus = noStatus ? StatusCheck.Skip : StatusCheck.IfPresent,
                IssuerAuthorization = issuers.Authorization,
            });
            var clientOptions = new OpenId4VciClientOptions
            {
                Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = !local, AddressPolicy = local ? HttpAddressPolicy.PublicAndLoopback : HttpAddressPolicy.PublicOnly, Timeout = fetchTimeout },
                TimeProvider = host.TimeProvider,
            };
            using var http = GuardedHttpHandler.CreateClient(clientOptions.Http);
            var client = new OpenId4VciClient(http, clientOptions);

            // Which URL failed and why (DNS, refused, TLS, timeout), for the error message.
            using var network = NetworkTrace.Begin();
            var resolved = await client.ResolveOfferAsync(context.GetValue(offer)!, cancellationToken);
            if (!resolved.IsValid)
            {
                throw new CliException(network.ToCliError(resolved.Error, local ? "Check the offer link; it must come from the issuer as it is." : "Check the offer link; for an issuer on this machine add --allow-local-network.", "the issuer", fetchTimeout));
            }

            var value = resolved.Value;
            var configurationId = context.GetValue(configuration) ?? (value.Offer.CredentialConfigurationIds.Count > 0 ? value.Offer.CredentialConfigurationIds[0] : null);
            if (!context.Json)
            {
                context.Console.WriteLine(Markup.Escape(language.Pick("発行者: ", "Issuer: ")), value.Offer.CredentialIssuer);
                context.Console.WriteLine(Markup.Escape(language.Pick("提供される証明書: ", "Offered: ")), string.Join(", ", value.Offer.CredentialConfigurationIds));
            }

            var code = context.GetValue(txCode);
            if (value.TransactionCode is not null && string.IsNullOrEmpty(code))
            {
                if (!host.IsInteractive || context.Json)
                {
                    throw new CliException(new CliError(TransactionCodeRequiredCode, "The offer needs a transaction code.", "Pass the code the issuer gave you with --tx-code.", ExitCodes.Usage));
                }

                code = host.ErrorConsole.Prompt(new TextPrompt<string>(language.Pick("トランザクションコード:", "Transaction code:")).Secret());
            }

            if (!context.GetValue(yes))
            {
                if (!host.IsInteractive || context.Json)
                {
                    throw new CliException(new CliError(RespondCommand.ConsentRequiredCode, "Consent is needed and there is no terminal to ask; nothing was received.", "Run it in a terminal, or add --yes to consent in a script.", ExitCodes.Usage));
                }

                if (!host.ErrorConsole.Prompt(new ConfirmationPrompt(language.Pick($"{configurationId} を受け取りますか?", $"Receive {configurationId}?")) { DefaultValue = true }))
                {
                    return context.NegativeResult(new JsonObject { ["received"] = false }, console => console.MarkupLine("[yellow]" + Markup.Escape(language.Pick("受け取りませんでした。", "Nothing was received.")) + "[/]"));
                }
            }

            var received = await client.ReceiveAsync(value, service, new CredentialReceiveRequest { CredentialConfigurationId = configurationId, TransactionCode = code }, cancellationToken);
            if (!received.IsValid)
            {
                var error = received.Error;
                throw new CliException(network.ToCliError(
                    error,
                    WalletAccess.Hint(error.Code, path) ?? TrustHints.For(error, issuers) ?? "Nothing was stored.",
                    "the issuer",
                    fetchTimeout,
                    WalletAccess.ExitCodeFor(error.Code)));
            }

            var imported = received.Value.Imported;
            context.Status(language.Pick($"「{imported.DisplayName}」を受け取りました。", $"Received '{imported.DisplayName}'."));
            return context.Result(
                new JsonObject
                {
                    ["id"] = imported.Id,
                    ["displayName"] = imported.DisplayName,
                    ["vct"] = imported.Vct,
                    ["issuer"] = imported.Issuer,
                    ["credentialConfigurationId"] = received.Value.CredentialConfigurationId,
                    ["copies"] = imported.Copies,
                },
                console => console.WriteLine(imported.Id));
        });
        return command;
    }
}
