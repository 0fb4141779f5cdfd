using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore;
using Credentials.AspNetCore.Storage;
using Credentials.Keys;
using Credentials.Keys.Rotation;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Credentials.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Credentials.Samples.Issuer;

/// <summary>
/// <c>issuer serve</c>: the OpenID4VCI Credential Issuer (pre-authorized code flow, or with <c>--flow authorization-code</c>
/// the HAIP 1.0 Authorization Code Flow with PAR, PKCE, DPoP and a login page, see <see cref="AuthorizationCodeLogin"/>) for the sample types, with the
/// status list endpoint when <c>--status-list</c> is given. Prints a credential offer at start-up; more offers come
/// from <c>POST /offers?types=age,ipa-exam</c>. Runs until Ctrl+C. With <c>--postgres</c> all issuer state (status
/// lists and protocol state) is in one PostgreSQL database, so several instances started with the same
/// <c>--postgres</c>, <c>--key</c> and <c>--public-url</c> can sit behind one load balancer.
/// </summary>
internal static partial class ServeCommand
{
    public const string StatusPath = "/status/1";

    /// <summary>Where the badges' Bitstring Status List credential is served (issue badges with --status-uri URL/status/badges).</summary>
    public const string BadgeStatusPath = "/status/badges";

    /// <summary>The file name of the default state database.</summary>
    public const string StateFileName = "issuer-state.db";

    /// <summary>The default flow: the pre-authorized code in the offer.</summary>
    public const string PreAuthorizedFlow = "pre-authorized";

    /// <summary>The Authorization Code Flow (HAIP 1.0): PAR, PKCE, DPoP, a login page with a one-time code.</summary>
    public const string AuthorizationCodeFlow = "authorization-code";

    /// <summary>How long a one-time login code outlives its offer: the time a person has to sign in after the wallet started.</summary>
    private static readonly TimeSpan LoginCodeGrace = TimeSpan.FromMinutes(10);

    public static Command Create(CliHost host)
    {
        var key = new Option<string?>("--key");
        var keySet = new Option<string?>("--key-set");
        var urls = new Option<string>("--urls") { DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var claims = new Option<string[]>("--claims") { AllowMultipleArgumentsPerToken = true };
        var offer = new Option<string?>("--offer");
        var txCode = new Option<bool>("--tx-code");
        var statusList = new Option<string?>("--status-list");
        var qr = new Option<bool>("--qr");
        var qrPng = new Option<string?>("--qr-png");
        var state = new Option<string?>("--state");
        var flow = new Option<string>("--flow") { DefaultValueFactory = _ => PreAuthorizedFlow }.AcceptOnlyFromAmong(PreAuthorizedFlow, AuthorizationCodeFlow);
        var walletProviderTrust = new Option<string[]>("--wallet-provider-trust") { AllowMultipleArgumentsPerToken = true };
        var publicUrl = new Option<string?>("--public-url");
        var postgres = new Option<string?>(PostgresDatabase.OptionName);
        var command = new Command("serve") { key, keySet, urls, claims, offer, txCode, statusList, qr, qrPng, state, flow, walletProviderTrust, publicUrl, postgres };
        command.SetCliAction(host, async (ctx, ct) =>
        {
            var listen = ctx.GetValue(urls)!.TrimEnd('/');
            if (!Uri.TryCreate(listen, UriKind.Absolute, out var listenUri) || listenUri.Scheme is not ("http" or "https"))
            {
                throw new CliException(CliErrors.InvalidOption("--urls", $"'{listen}' is not an http(s) URL.", "For example --urls http://127.0.0.1:5080"));
            }

            // The Credential Issuer Identifier: where wallets reach the issuer (the load balancer's URL), else --urls.
            var url = ctx.GetValue(publicUrl) is { } publicValue ? PublicUrl(publicValue) : listen;
            var uri = new Uri(url);
            var basePath = uri.AbsolutePath.TrimEnd('/');
            var postgresConnection = ctx.GetValue(postgres);
            if (postgresConnection is not null && (ctx.GetValue(state) is not null || ctx.GetValue(statusList) is not null))
            {
                throw new CliException(CliErrors.InvalidOption(PostgresDatabase.OptionName, "--postgres keeps all issuer state (status lists and protocol state) in PostgreSQL; --state and --status-list name SQLite files.", "Give either --postgres or --state/--status-list."));
            }

            var authorizationCode = ctx.GetValue(flow) == AuthorizationCodeFlow;
            var providerTrust = ctx.GetValue(walletProviderTrust) ?? [];
            if (authorizationCode && ctx.GetValue(txCode))
            {
                throw new CliException(CliErrors.InvalidOption("--tx-code", "a transaction code belongs to the pre-authorized flow.", "With --flow authorization-code the person signs in with the one-time code printed with the offer."));
            }

            if (!authorizationCode && providerTrust.Length > 0)
            {
                throw new CliException(CliErrors.InvalidOption("--wallet-provider-trust", "wallet attestations are checked in the authorization code flow only.", "Add --flow authorization-code."));
            }

            var clientAttestation = providerTrust.Length == 0 ? null : WalletProviderTrust.Load(providerTrust, ctx.Host.TimeProvider);
            var datasets = LoadDatasets(ctx.GetValue(claims) ?? [], ctx.Host.TimeProvider.GetUtcNow());
            var offered = ctx.GetValue(offer) is { } list ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => CredentialTypes.Get(n).Name).ToArray() : [.. CredentialTypes.Names];
            // --key: one key (a JWK file or a pkcs11: URI); --key-set: the rotating set 'issuer keys rotate' writes,
            // whose active key signs and whose published keys are served as JWT VC Issuer Metadata.
            var keyPath = ctx.GetValue(key);
            var keySetPath = ctx.GetValue(keySet);
            if ((keyPath is null) == (keySetPath is null))
            {
                throw new CliException(CliErrors.InvalidOption(keyPath is null ? "--key" : "--key-set", "Give exactly one of --key and --key-set.", "--key FILE|pkcs11:URI signs with one key; --key-set FILE signs with the active key of the set 'issuer keys rotate' writes."));
            }

            using var servedSet = keySetPath is null ? null : ServedKeySet.Open(keySetPath, ctx.Host.TimeProvider);
            var identity = keyPath is null ? null : IssuerIdentity.Load(keyPath, url, url == listen ? "--urls" : "--public-url");
            using var issuerSigner = identity?.CreateSigner();
            ISigner signingKey = servedSet is not null ? new RotatingSigner(servedSet.Current) : issuerSigner!;

            // Badges' Data Integrity proofs need the private JWK of a key file.
            using var badgeKey = identity is { IsPkcs11: false } ? identity.CreateSigningKey() : null;
            StatusListIssuer? manager = null;
            IStatusListStore? statusStore = null;
            StatusListDatabase? badgeLists = null;
            var statusUri = url + StatusPath;
            var badgeStatusUri = new Uri(url + BadgeStatusPath);

            // With --postgres one database holds everything, and the status list is always on: every instance behind
            // the load balancer allocates from and publishes the same list.
            await using var pg = postgresConnection is null ? null : await PostgresDatabase.OpenAsync(postgresConnection, ct).ConfigureAwait(false);
            var database = ctx.GetValue(statusList);
            if (database is not null || pg is not null)
            {
                // Creates the list on first use; takes no index (indices are taken only for issued credentials).
                var lists = pg is not null
                    ? StatusListDatabase.ForPostgres(pg, signingKey, url, ctx.Host.TimeProvider)
                    : await StatusListDatabase.OpenAsync(database!, signingKey, url, ctx.Host.TimeProvider, mustExist: false, ct).ConfigureAwait(false);
                await lists.EnsureListAsync(statusUri, ct).ConfigureAwait(false);
                manager = lists.Manager;

                // The badges' W3C Bitstring Status List, signed with Data Integrity by the key's did:key (Ed25519 or P-256/P-384 keys).
                if (badgeKey is not null && IsBadgeKey(badgeKey, keyPath!))
                {
                    await lists.EnsureBitstringListAsync(badgeStatusUri.OriginalString, ct).ConfigureAwait(false);
                    badgeLists = lists;
                }
                statusStore = lists.Store;
            }

            var options = new OpenId4VciIssuerOptions
            {
                CredentialIssuer = url,
                Signer = signingKey,
                AllowHttp = uri.Scheme == "http",
                TimeProvider = ctx.Host.TimeProvider,
                StatusLists = manager,
                StatusListUri = manager is null ? null : statusUri,
                Display = [new IssuerDisplay { Name = "サンプル発行者", Locale = "ja-JP" }, new IssuerDisplay { Name = "Sample issuer", Locale = "en-US" }],
                CredentialConfigurations = [.. CredentialTypes.All.Select(t => new IssuerCredentialConfiguration
                {
                    Id = t.Name,
                    Vct = t.Vct,
                    VctIntegrity = t.MetadataIntegrity,
                    Scope = t.Name,
                    Display = [new CredentialDisplay { Name = t.GetDisplayName(UiLanguage.Japanese), Locale = "ja-JP" }, new CredentialDisplay { Name = t.GetDisplayName(UiLanguage.English), Locale = "en-US" }],
                })],
                // The Authorization Code Flow as HAIP 1.0 profiles it: PAR, PKCE S256, DPoP-bound tokens (RFC 9449), and
                // with --wallet-provider-trust, wallet attestations (attestation-based client authentication).
                ValidateClient = authorizationCode ? AuthorizationCodeLogin.IsLoopbackClient : null,
                Dpop = authorizationCode ? new OpenId4VciDpopOptions() : null,
                ClientAttestation = clientAttestation,
                ResolveDataset = (context, _) =>
                {
                    if (!CredentialTypes.TryGetByVct(context.Vct, out var type) || !datasets.TryGetValue(type.Name, out var document))
                    {
                        return ValueTask.FromResult<CredentialDataset?>(null);
                    }

                    var prepared = type.Prepare(document, ctx.Host.TimeProvider.GetUtcNow());
                    return ValueTask.FromResult<CredentialDataset?>(new CredentialDataset { Claims = prepared.SdClaims, NotBefore = prepared.NotBefore, ExpiresAt = prepared.ExpiresAt });
                },
            };

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);

            // A start that fails (the port in use) is reported once, as an error with a hint, not also as a logged stack trace.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.WebHost.UseUrls(listen);

            // Protocol state (offers, codes, tokens, nonces) in a named SQLite file, or in the --postgres database that
            // every instance shares: a restart loses nothing in flight, and a hosted job removes expired rows.
            var statePath = pg is not null ? null : System.IO.Path.GetFullPath(ctx.GetValue(state) ?? DefaultStatePath(ctx.GetValue(statusList)));
            var store = pg is not null
                ? await OpenPostgresStateAsync(pg, ctx.Host.TimeProvider, ct).ConfigureAwait(false)
                : await OpenStateAsync(statePath!, ctx.Host.TimeProvider, ct).ConfigureAwait(false);
            builder.Services.AddSingleton<IProtocolStateStore>(store);
            builder.Services.AddProtocolStateCleanup(new ProtocolStateCleanupOptions { TimeProvider = ctx.Host.TimeProvider });
            builder.Services.AddOpenId4VciIssuer(_ => options);
            var login = authorizationCode ? new AuthorizationCodeLogin(ctx.Host.TimeProvider, options.PendingAuthorizationLifetime, basePath) : null;
            if (authorizationCode)
            {
                // The login form's anti-forgery tokens, with keys beside the state so a restarted server accepts open
                // forms; with --postgres in the database, so a form shown by one instance is accepted by another.
                var dataProtection = builder.Services.AddDataProtection().SetApplicationName("credentials-samples-issuer");
                if (pg is not null)
                {
                    await PostgresKeyRing.EnsureCreatedAsync(pg, ct).ConfigureAwait(false);
                    builder.Services.Configure<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o => o.XmlRepository = new PostgresKeyRing(pg));
                }
                else
                {
                    dataProtection.PersistKeysToFileSystem(new System.IO.DirectoryInfo(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(statePath)!, "issuer-login-keys")));
                }

                builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
                builder.Services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
            }

            await using var app = builder.Build();
            if (url != listen)
            {
                // Behind a load balancer that ends TLS, requests arrive as http://instance:port/...; DPoP proofs (RFC 9449
                // section 4.3) name the public URL the wallet called, so every request is read as addressed to it.
                var publicHost = new HostString(uri.Authority);
                app.Use((http, next) =>
                {
                    http.Request.Scheme = uri.Scheme;
                    http.Request.Host = publicHost;
                    return next(http);
                });
            }

            app.MapOpenId4VciIssuer(options: login is null ? null : new OpenId4VciEndpointOptions { AuthorizationPage = login.ShowAsync });
            if (login is not null)
            {
                app.MapPost(login.LoginPath, login.SubmitAsync);
            }

            if (servedSet is not null)
            {
                // JWT VC Issuer Metadata section 5.1: verifiers fetch the issuer's keys (next, active and retired) here;
                // the set is read again whenever its file changes, so a rotation needs no restart.
                app.MapJwtVcIssuerMetadata(url, servedSet.Current);
            }

            if (statusStore is not null)
            {
                app.MapStatusList(basePath + StatusPath, statusUri, statusStore);
            }

            if (badgeLists is not null)
            {
                // Signed afresh for every request: a revocation ('issuer status revoke') is visible at once.
                var badgeKeyPath = keyPath!;
                var badgeSigningKey = badgeKey!;
                app.MapGet(basePath + BadgeStatusPath, async (HttpContext http) =>
                {
                    var list = await BadgeSigning.PublishBitstringAsync(badgeLists, badgeStatusUri, badgeSigningKey, badgeKeyPath, ctx.Host.TimeProvider, http.RequestAborted).ConfigureAwait(false);
                    return Results.Text(list.ToJsonString(), "application/vc");
                });
            }

            var issuer = app.Services.GetRequiredService<OpenId4VciIssuer>();
            var protect = ctx.GetValue(txCode);
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Credentials.Samples.Issuer.Offers");
            app.MapPost(basePath + "/offers", async (HttpContext http) =>
            {
                var requested = http.Request.Query["types"].ToString();
                var names = requested.Length == 0 ? offered : requested.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (names.Length == 0 || names.Length != names.Distinct(StringComparer.OrdinalIgnoreCase).Count())
                {
                    return Results.Json(new { error = "invalid_request", error_description = "types must name each type at most once, for example types=age,ipa-exam." }, statusCode: 400);
                }

                if (names.Any(n => !CredentialTypes.TryGet(n, out _)))
                {
                    return Results.Json(new { error = "unknown_type", error_description = "types names an unknown type.", types = CredentialTypes.Names }, statusCode: 400);
                }

                try
                {
                    var created = await CreateOfferAsync(issuer, store, [.. names.Select(n => CredentialTypes.Get(n).Name)], protect, authorizationCode, http.RequestAborted).ConfigureAwait(false);
                    return Results.Text(CliJson.Serialize(Describe(created)), "application/json");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogOfferFailed(logger, ex);
                    return Results.Json(new { error = "server_error", error_description = "The offer could not be stored." }, statusCode: 500);
                }
            });

            if (manager is not null)
            {
                // Served from the store; re-run 'issuer status publish' after revoking to update it while serving.
                await manager.PublishAsync(statusUri, ct).ConfigureAwait(false);
            }

            try
            {
                await app.StartAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when ((ex is System.IO.IOException or InvalidOperationException or SocketException) && !ct.IsCancellationRequested)
            {
                throw new CliException(IsAddressInUse(ex)
                    ? new CliError(IssuerErrors.AddressInUse, $"Could not listen on {listen}: another process is already listening on that address.", "Stop the other server or choose another port with --urls.")
                    : new CliError(IssuerErrors.ListenFailed, $"Could not listen on {listen}: {CliErrors.Reason(ex)}", "Check --urls: a local address and a port this user may open."), ex);
            }

            var first = await CreateOfferAsync(issuer, store, offered, protect, authorizationCode, ct).ConfigureAwait(false);
            var json = new JsonObject
            {
                ["credentialIssuer"] = url,
                ["listening"] = listen,
                ["metadata"] = uri.GetLeftPart(UriPartial.Authority) + CredentialIssuerMetadata.WellKnownPath + basePath,
                ["statusList"] = statusStore is null ? null : statusUri,
                ["badgeStatusList"] = badgeLists is null ? null : badgeStatusUri.OriginalString,
                ["state"] = pg?.Description ?? statePath,
                ["flow"] = ctx.GetValue(flow),
                ["offer"] = Describe(first),
            };
            if (ctx.GetValue(qrPng) is { } png)
            {
                QrCodes.SavePng(first.ByReferenceLink, png);
                json["qrPng"] = png;
            }

            ctx.Result(json, console =>
            {
                if (ctx.GetValue(qr))
                {
                    ctx.Host.Output.WriteLine(QrCodes.ToText(first.ByReferenceLink));
                }

                console.WriteLine(ctx.Language.Pick("[green]OpenID4VCI 発行者を起動しました[/]: ", "[green]OpenID4VCI issuer listening[/]: "), listen);
                if (url != listen)
                {
                    console.WriteLine(ctx.Language.Pick("公開 URL (Credential Issuer Identifier): ", "public URL (Credential Issuer Identifier): "), url);
                }

                if (pg is not null)
                {
                    console.WriteLine(ctx.Language.Pick("状態の保存先: ", "state: "), pg.Description);
                }

                console.WriteLine(ctx.Language.Pick("発行できる種類: ", "types: "), string.Join(", ", offered));
                console.WriteLine(ctx.Language.Pick("クレデンシャルオファー: ", "credential offer: "), string.Empty);
                ctx.Host.Output.WriteLine(first.ByReferenceLink);
                if (first.TransactionCode is { } code)
                {
                    console.WriteLine(ctx.Language.Pick("確認コード: ", "transaction code: "), code);
                }

                if (first.LoginCode is { } loginCode)
                {
                    console.WriteLine(ctx.Language.Pick("ログイン用ワンタイムコード: ", "one-time login code: "), loginCode);
                    console.WriteLine(ctx.Language.Pick("[grey]ウォレット (redirect_uri は http://127.0.0.1:任意のポート/...) が表示する URL をブラウザで開き、このコードを入力します[/]", "[grey]Open the URL the wallet shows (its redirect_uri must be http://127.0.0.1:<any port>/...) and enter this code[/]"), string.Empty);
                }

                console.WriteLine(ctx.Language.Pick("新しいオファー: ", "new offers: "), $"curl -X POST '{listen}{basePath}/offers?types=age'");
                console.WriteLine(ctx.Language.Pick("[grey]Ctrl+C で停止[/]", "[grey]Ctrl+C to stop[/]"), string.Empty);
            });
            ctx.Host.Output.Flush();

            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C (or the caller's token): a normal stop.
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Dictionary<string, JsonObject> LoadDatasets(string[] pairs, DateTimeOffset now)
    {
        var datasets = CredentialTypes.All.ToDictionary(t => t.Name, t => t.GetSampleClaims(), StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var split = pair.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
            {
                throw new CliException(CliErrors.InvalidOption("--claims", $"'{pair}' is not TYPE=FILE.", "For example --claims age=alice-age.json"));
            }

            var type = CredentialTypes.Get(pair[..split]);
            var path = pair[(split + 1)..];
            datasets[type.Name] = CliJson.ReadObjectFile(path, "claims");
            _ = type.Prepare(datasets[type.Name], now, path); // fail at start-up, not in the middle of a wallet's request
        }

        return datasets;
    }

    private static async Task<ServedOffer> CreateOfferAsync(OpenId4VciIssuer issuer, IProtocolStateStore store, IReadOnlyList<string> types, bool protect, bool authorizationCode, CancellationToken cancellationToken)
    {
        // In the Authorization Code Flow every offer is for a person of its own, who signs in with the offer's one-time code.
        var subject = authorizationCode ? "sample-" + Guid.NewGuid().ToString("N") : "sample";
        var created = await issuer.CreateOfferAsync(new CredentialOfferRequest
        {
            CredentialConfigurationIds = types,
            SubjectId = subject,
            TransactionCode = protect ? new OfferTransactionCode { Description = "確認コード / transaction code" } : null,
            OfferPreAuthorizedCode = !authorizationCode,
            OfferAuthorizationCode = authorizationCode,
        }, cancellationToken).ConfigureAwait(false);
        var loginCode = authorizationCode
            ? await AuthorizationCodeLogin.CreateCodeAsync(store, subject, created.ExpiresAt + LoginCodeGrace, cancellationToken).ConfigureAwait(false)
            : null;
        return new ServedOffer(created, loginCode);
    }

    private static JsonObject Describe(ServedOffer served)
    {
        var offer = served.Offer;
        var json = new JsonObject
        {
            ["link"] = offer.ByReferenceLink,
            ["byValueLink"] = offer.ByValueLink,
            ["offerUri"] = offer.OfferUri,
            ["txCode"] = offer.TransactionCode,
            ["types"] = new JsonArray([.. offer.Offer.CredentialConfigurationIds.Select(id => (JsonNode)id)]),
            ["expiresAt"] = offer.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (served.LoginCode is not null)
        {
            json["grant"] = CredentialOffer.AuthorizationCodeGrantType;
            json["loginCode"] = served.LoginCode;
        }

        return json;
    }

    /// <summary>The default state database: beside the status list, else in the app's data folder.</summary>
    internal static string DefaultStatePath(string? statusList)
    {
        if (statusList is not null)
        {
            return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(statusList))!, StateFileName);
        }

        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return System.IO.Path.Combine(data.Length == 0 ? Environment.CurrentDirectory : System.IO.Path.Combine(data, "credentials-samples"), StateFileName);
    }

    /// <summary>The <c>--public-url</c> value: an http(s) URL without query or fragment, without its trailing slash.</summary>
    private static string PublicUrl(string value)
    {
        var trimmed = value.TrimEnd('/');
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new CliException(CliErrors.InvalidOption("--public-url", $"'{value}' is not an http(s) URL without query or fragment.", "The URL wallets use to reach the issuer (the load balancer's), for example --public-url https://issuer.example.jp"));
        }

        return trimmed;
    }

    /// <summary>The protocol state store in the --postgres database, with expired rows removed now.</summary>
    private static async Task<IProtocolStateStore> OpenPostgresStateAsync(PostgresDatabase database, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var store = new Credentials.PostgreSql.PostgreSqlProtocolStateStore(database.DataSource);
        await store.RemoveExpiredAsync(timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>Opens (creating if needed) the state database now, so a path that cannot be written fails at start-up, and removes expired rows.</summary>
    private static async Task<SqliteProtocolStateStore> OpenStateAsync(string path, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        try
        {
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var store = new SqliteProtocolStateStore(path);
            await store.RemoveExpiredAsync(timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or System.IO.IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrors.WriteFailed(path, CliErrors.Reason(ex)), ex);
        }
    }

    private static bool IsBadgeKey(Credentials.Keys.SigningKey key, string keyPath)
    {
        try
        {
            _ = BadgeSigning.SuiteFor(key, keyPath);
            return true;
        }
        catch (CliException)
        {
            return false;
        }
    }

    internal static bool IsAddressInUse(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.AspNetCore.Connections.AddressInUseException || e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An offer and, in the Authorization Code Flow, the person's one-time login code.</summary>
    private sealed record ServedOffer(CreatedCredentialOffer Offer, string? LoginCode)
    {
        public string ByReferenceLink => Offer.ByReferenceLink;

        public string? TransactionCode => Offer.TransactionCode;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "POST /offers failed and answered server_error")]
    private static partial void LogOfferFailed(ILogger logger, Exception exception);
}
