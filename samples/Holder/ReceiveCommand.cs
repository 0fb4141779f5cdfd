using System;
using System.CommandLine;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Samples.Common;
using Credentials.SdJwtVc;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vci;
using Spectre.Console;

namespace Credentials.Samples.Holder;

/// <summary>
/// <c>holder receive OFFER_URI</c> (or <c>--issuer URL --configuration ID</c>): takes a credential over OpenID4VCI,
/// after asking for consent unless <c>--yes</c>; the credential is verified like <c>import</c> and bound to a new
/// holder key. An offer with a pre-authorized code is redeemed directly; an offer with an authorization code grant, or
/// a wallet-initiated request, runs the Authorization Code Flow: the authorization URL is printed for the browser and
/// the redirect is awaited on <c>http://127.0.0.1:PORT/callback</c>.
/// </summary>
internal static class ReceiveCommand
{
    public const string TransactionCodeRequiredCode = "holder.tx_code_required";

    /// <summary>No redirect arrived from the browser in time.</summary>
    public const string AuthorizationTimeoutCode = "holder.authorization_timeout";

    /// <summary>The default <c>client_id</c> of the sample wallet in the Authorization Code Flow.</summary>
    public const string DefaultClientId = "credentials-holder-sample";

    public static Command Create(CliHost host)
    {
        var wallet = HolderOptions.Wallet(host);
        var trust = new Option<string>("--trust") { Required = true };
        var txCode = new Option<string?>("--tx-code");
        var configuration = new Option<string?>("--credential-configuration", "--configuration");
        var issuerOption = new Option<string?>("--issuer");
        var clientId = new Option<string>("--client-id") { DefaultValueFactory = _ => DefaultClientId };
        var redirectPort = new Option<int>("--redirect-port") { DefaultValueFactory = _ => 0 };
        var authTimeout = new Option<int>("--auth-timeout") { DefaultValueFactory = _ => 300 };
        var yes = new Option<bool>("--yes", "-y");
        var skipStatus = new Option<bool>("--skip-status");
        var allowLocal = new Option<bool>("--allow-local-network");
        var timeout = new Option<int>("--timeout") { DefaultValueFactory = _ => (int)OpenId4VciClientOptions.Default.Http.Timeout.TotalSeconds };
        var lang = HolderOptions.Language();
        var offer = new Argument<string?>("OFFER_URI") { Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("receive")
        {
            wallet, trust, txCode, configuration, issuerOption, clientId, redirectPort, authTimeout, yes, skipStatus, allowLocal, timeout, lang, offer,
        };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var language = HolderOptions.ResolveLanguage(context, lang);
            var local = context.GetValue(allowLocal);
            if (context.GetValue(timeout) is < 1 or > 600)
            {
                throw new CliException(CliErrors.InvalidOption("--timeout", "must be between 1 and 600 seconds."));
            }

            if (context.GetValue(authTimeout) is < 1 or > 3600)
            {
                throw new CliException(CliErrors.InvalidOption("--auth-timeout", "must be between 1 and 3600 seconds."));
            }

            if (context.GetValue(redirectPort) is < 0 or > 65535)
            {
                throw new CliException(CliErrors.InvalidOption("--redirect-port", "must be a port number (0 for any free one)."));
            }

            var offerLink = context.GetValue(offer);
            var issuerId = context.GetValue(issuerOption);
            if ((offerLink is null) == (issuerId is null) || (issuerId is not null && context.GetValue(configuration) is null))
            {
                throw new CliException(CliErrors.InvalidOption("OFFER_URI", "give an offer link, or --issuer URL with --configuration ID."));
            }

            if (issuerId is not null && (!Uri.TryCreate(issuerId, UriKind.Absolute, out var issuerUri) || (issuerUri.Scheme != Uri.UriSchemeHttps && issuerUri.Scheme != Uri.UriSchemeHttp) || issuerUri.Query.Length > 0 || issuerUri.Fragment.Length > 0))
            {
                throw new CliException(CliErrors.InvalidOption("--issuer", "must be the issuer's https URL (its Credential Issuer Identifier)."));
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
                ClientId = context.GetValue(clientId),
            };
            using var http = GuardedHttpHandler.CreateClient(clientOptions.Http);
            var client = new OpenId4VciClient(http, clientOptions);

            // Which URL failed and why (DNS, refused, TLS, timeout), for the error message.
            using var network = NetworkTrace.Begin();
            var resolved = offerLink is not null
                ? await client.ResolveOfferAsync(offerLink, cancellationToken)
                : await client.ResolveIssuerAsync(issuerId!, [context.GetValue(configuration)!], cancellationToken);
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

            // An offer without a pre-authorized code (or a wallet-initiated request) goes through the browser.
            var received = value.Offer.PreAuthorizedCode is null && value.Offer.AuthorizationCode is not null && configurationId is not null
                ? await ReceiveWithBrowserAsync(context, host, client, value, service, configurationId, context.GetValue(redirectPort), TimeSpan.FromSeconds(context.GetValue(authTimeout)), language, cancellationToken)
                : await client.ReceiveAsync(value, service, new CredentialReceiveRequest { CredentialConfigurationId = configurationId, TransactionCode = code }, cancellationToken);
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

    // The Authorization Code Flow: push the request, show the URL, wait on loopback for the browser, finish.
    private static async Task<VerificationResult<ReceivedCredential>> ReceiveWithBrowserAsync(CliContext context, CliHost host, OpenId4VciClient client, ResolvedCredentialOffer offer, CredentialWallet service, string configurationId, int port, TimeSpan wait, UiLanguage language, CancellationToken cancellationToken)
    {
        using var loopback = LoopbackRedirect.Start(port);
        var started = await client.StartAuthorizationAsync(offer, new AuthorizationCodeRequest { RedirectUri = loopback.RedirectUri, CredentialConfigurationIds = [configurationId] }, cancellationToken);
        if (!started.IsValid)
        {
            return started.Error;
        }

        // The URL goes to standard error so that --json output stays one document.
        var url = started.Value.AuthorizationUrl.AbsoluteUri;
        host.ErrorConsole.WriteLine(language.Pick("ブラウザで次の URL を開いて認可してください:", "Open this URL in a browser to authorize:"));
        host.ErrorConsole.WriteLine(url);
        Uri? redirect;
        if (host.IsInteractive && !context.Json)
        {
            redirect = await host.ErrorConsole.Status().StartAsync(
                language.Pick($"{loopback.RedirectUri} へのリダイレクトを待っています…", $"Waiting for the redirect to {loopback.RedirectUri}…"),
                _ => loopback.WaitAsync(wait, host.TimeProvider, cancellationToken));
        }
        else
        {
            redirect = await loopback.WaitAsync(wait, host.TimeProvider, cancellationToken);
        }

        if (redirect is null)
        {
            throw new CliException(new CliError(AuthorizationTimeoutCode, $"No redirect arrived within {wait.TotalSeconds:0} seconds; nothing was received.", "Open the printed URL in a browser on this machine and finish the login, or raise --auth-timeout.", ExitCodes.Failure));
        }

        return await client.CompleteAuthorizationAsync(started.Value, redirect, service, new CredentialReceiveRequest { CredentialConfigurationId = configurationId }, cancellationToken);
    }
}
