using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.Dcql;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.Samples.Common;
using Credentials.SdJwtVc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Credentials.Samples.Verifier;

/// <summary>
/// The OpenID4VP verifier on Kestrel: the Response URI (<c>direct_post</c>) from <c>Credentials.AspNetCore</c>, a
/// transaction store (a named SQLite file that survives restarts, or a bounded in-memory store) whose expired entries a
/// hosted job removes, and a completion per pending transaction for the commands that wait for a wallet.
/// </summary>
internal sealed class VerifierServer : IAsyncDisposable
{
    public const string ListenFailedCode = "verifier.listen_failed";

    public const string AddressInUseCode = "verifier.address_in_use";

    public const string TooManyPendingCode = "verifier.too_many_pending";

    /// <summary>The most transactions waited for at once (each is removed when answered or expired).</summary>
    public const int MaxPending = 10_000;

    private readonly WebApplication _app;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, Pending> _waiting = new(StringComparer.Ordinal);

    private VerifierServer(WebApplication app, string origin, TimeProvider timeProvider)
    {
        _app = app;
        Origin = origin;
        _timeProvider = timeProvider;
    }

    /// <summary>Where the server listens (scheme, host, port).</summary>
    public string Origin { get; }

    /// <summary>Cancelled when the host is asked to stop (Ctrl+C is handled by the ASP.NET Core host's console lifetime).</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>The protocol verifier.</summary>
    public OpenId4VpVerifier Verifier => _app.Services.GetRequiredService<OpenId4VpVerifier>();

    /// <summary>Every finished transaction (accepted, rejected, or a wallet error), as it arrives.</summary>
    public event Action<OpenId4VpTransactionResult>? ResultReceived;

    /// <summary>The number of transactions waited for.</summary>
    public int PendingCount => _waiting.Count;

    /// <summary>Starts Kestrel on <paramref name="url"/> (port 0 picks a free port) with a bounded in-memory transaction store.</summary>
    /// <param name="configure">Adds more endpoints before the server starts.</param>
    /// <param name="checkStatus">Whether status list references are resolved and checked (<c>--skip-status</c> turns it off).</param>
    /// <param name="requireStatus">Whether a credential without a status list reference is refused (<c>--require-status</c>).</param>
    public static Task<VerifierServer> StartAsync(string url, IssuerTrust trust, CliHost host, bool checkStatus, bool requireStatus, Action<WebApplication, Func<VerifierServer>>? configure, CancellationToken cancellationToken)
        => StartAsync(url, null, trust, host, checkStatus, requireStatus, configure, cancellationToken);

    /// <summary>Starts Kestrel on <paramref name="url"/> (port 0 picks a free port).</summary>
    /// <param name="statePath">The SQLite file for transactions (they survive a restart), or <see langword="null"/> for a bounded in-memory store.</param>
    /// <param name="configure">Adds more endpoints before the server starts.</param>
    /// <param name="checkStatus">Whether status list references are resolved and checked (<c>--skip-status</c> turns it off).</param>
    /// <param name="requireStatus">Whether a credential without a status list reference is refused (<c>--require-status</c>).</param>
    /// <param name="identity">With a certificate identity: x509 client id, signed requests by reference with request_uri_method=post.</param>
    public static async Task<VerifierServer> StartAsync(string url, string? statePath, IssuerTrust trust, CliHost host, bool checkStatus, bool requireStatus, Action<WebApplication, Func<VerifierServer>>? configure, CancellationToken cancellationToken, VerifierIdentity? identity = null)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException(CliErrors.InvalidOption("--urls", $"'{url}' is not an http(s) URL.", "For example --urls http://127.0.0.1:5080"));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);

        // A start that fails (the port in use) is reported once, as an error with a hint, not also as a logged stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.UseUrls(url);
        builder.Services.AddSingleton(await OpenStateAsync(statePath, host.TimeProvider, cancellationToken));
        builder.Services.AddProtocolStateCleanup(new ProtocolStateCleanupOptions { TimeProvider = host.TimeProvider });
        builder.Services.AddSingleton(_ => new SdJwtVcVerifier(
            trust.KeyResolver,
            checkStatus ? trust.CreateStatusResolver(host.TimeProvider) : null,
            ClaimValues.LoadTypeMetadata(),
            options: new SdJwtVcVerifierOptions { TimeProvider = host.TimeProvider, RequireStatus = requireStatus }));
        VerifierServer? server = null;
        builder.Services.AddOpenId4VpVerifier(_ =>
        {
            var responseUri = new Uri(server!.Origin + "/openid4vp/response");
            return new OpenId4VpVerifierOptions
            {
                ClientId = identity?.ClientId ?? ClientIdentifier.ForRedirectUri(responseUri).Value,
                ResponseUri = responseUri,
                RequestUriBase = identity is null ? null : new Uri(server.Origin + "/openid4vp/request"),
                RequestUriMethod = identity is null ? null : OpenId4VpConstants.RequestUriMethodPost,
                RequestSigner = identity?.Key,
                RequestCertificateChain = identity?.Chain ?? [],
                TimeProvider = host.TimeProvider,
                Policy = new OpenId4VpPresentationPolicy
                {
                    IssuerAuthorization = trust.Authorization,
                    Status = checkStatus ? StatusCheck.IfPresent : StatusCheck.Skip,
                },
                OnResult = (result, _) =>
                {
                    server!.Complete(result);
                    return ValueTask.CompletedTask;
                },
            };
        });
        var app = builder.Build();
        app.MapOpenId4VpVerifier();
        configure?.Invoke(app, () => server!);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when ((ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException) && !cancellationToken.IsCancellationRequested)
        {
            await app.DisposeAsync();
            throw new CliException(IsAddressInUse(ex)
                ? new CliError(AddressInUseCode, $"Could not listen on {url}: another process is already listening on that address.", "Stop the other server or choose another port with --urls.")
                : new CliError(ListenFailedCode, $"Could not listen on {url}: {CliErrors.Reason(ex)}", "Check --urls: a local address and a port this user may open."), ex);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? url;
        // x509_san_dns: the response_uri host must be the certificate's DNS name (OpenID4VP 1.0 section 5.9.3).
        if (identity?.Prefix == ClientIdPrefixes.X509SanDns && identity.DnsName is { } dnsName)
        {
            address = new UriBuilder(address) { Host = dnsName }.Uri.GetLeftPart(UriPartial.Authority);
        }

        server = new VerifierServer(app, address.TrimEnd('/'), host.TimeProvider);
        return server;
    }

    /// <summary>
    /// <c>--require-status</c> of <c>verify</c>, <c>request</c> and <c>serve</c>: refuse a credential without a
    /// <c>status</c> claim (<c>sdjwt.missing_required_claim</c>). Off by default because the sample issuer adds a status
    /// list reference only with <c>--status-list</c>; a verifier of credentials issued with one turns it on, so a
    /// holder cannot escape revocation by presenting a credential whose <c>status</c> was made disclosable and withheld.
    /// </summary>
    public static System.CommandLine.Option<bool> RequireStatusOption() => new("--require-status");

    /// <summary>The default state database of <c>verifier serve</c>: in the app's data folder.</summary>
    public static string DefaultStatePath()
    {
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(data.Length == 0 ? Environment.CurrentDirectory : Path.Combine(data, "credentials-samples"), "verifier-state.db");
    }

    private static async Task<IProtocolStateStore> OpenStateAsync(string? path, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return new InMemoryProtocolStateStore(new InMemoryProtocolStateStoreOptions { TimeProvider = timeProvider });
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var store = new SqliteProtocolStateStore(path);
            await store.RemoveExpiredAsync(timeProvider.GetUtcNow(), cancellationToken);
            return store;
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrors.WriteFailed(path, CliErrors.Reason(ex)), ex);
        }
    }

    private static bool IsAddressInUse(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.AspNetCore.Connections.AddressInUseException || e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Creates a transaction for <paramref name="query"/> and a completion for its result. The completion is forgotten
    /// when the result arrives or the request expires (it is then cancelled), so pending completions never accumulate.
    /// </summary>
    public async Task<(OpenId4VpTransaction Transaction, Task<OpenId4VpTransactionResult> Result)> CreateRequestAsync(DcqlQuery query, CancellationToken cancellationToken)
    {
        ForgetExpired();
        if (_waiting.Count >= MaxPending)
        {
            throw new CliException(new CliError(TooManyPendingCode, $"{MaxPending} requests are waiting for a wallet; no more until some are answered or expire.", "Try again in a few minutes.", ExitCodes.Failure));
        }

        var transaction = await Verifier.CreateRequestAsync(query, cancellationToken);
        var pending = new Pending(new(TaskCreationOptions.RunContinuationsAsynchronously), transaction.ExpiresAt);
        _waiting[transaction.TransactionId] = pending;
        return (transaction, pending.Completion.Task);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private void Complete(OpenId4VpTransactionResult result)
    {
        if (_waiting.TryRemove(result.TransactionId, out var pending))
        {
            pending.Completion.TrySetResult(result);
        }

        ResultReceived?.Invoke(result);
    }

    private void ForgetExpired()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var (id, pending) in _waiting)
        {
            if (pending.ExpiresAt <= now && _waiting.TryRemove(new System.Collections.Generic.KeyValuePair<string, Pending>(id, pending)))
            {
                pending.Completion.TrySetCanceled();
            }
        }
    }

    private sealed record Pending(TaskCompletionSource<OpenId4VpTransactionResult> Completion, DateTimeOffset ExpiresAt);
}
