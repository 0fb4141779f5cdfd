using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
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

namespace Credentials.Samples.Verifier;

/// <summary>
/// The OpenID4VP verifier on Kestrel: the Response URI (<c>direct_post</c>) from <c>Credentials.AspNetCore</c>, an
/// in-memory transaction store, and a completion per transaction for the commands that wait for a wallet.
/// </summary>
internal sealed class VerifierServer : IAsyncDisposable
{
    public const string ListenFailedCode = "verifier.listen_failed";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<OpenId4VpTransactionResult>> _waiting = new(StringComparer.Ordinal);

    private VerifierServer(WebApplication app, string origin)
    {
        _app = app;
        Origin = origin;
    }

    /// <summary>Where the server listens (scheme, host, port).</summary>
    public string Origin { get; }

    /// <summary>Cancelled when the host is asked to stop (Ctrl+C is handled by the ASP.NET Core host's console lifetime).</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>The protocol verifier.</summary>
    public OpenId4VpVerifier Verifier => _app.Services.GetRequiredService<OpenId4VpVerifier>();

    /// <summary>Every finished transaction (accepted, rejected, or a wallet error), as it arrives.</summary>
    public event Action<OpenId4VpTransactionResult>? ResultReceived;

    /// <summary>Starts Kestrel on <paramref name="url"/> (port 0 picks a free port).</summary>
    /// <param name="configure">Adds more endpoints before the server starts.</param>
    public static async Task<VerifierServer> StartAsync(string url, IssuerTrust trust, CliHost host, bool checkStatus, Action<WebApplication, Func<VerifierServer>>? configure, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException(CliErrors.InvalidOption("--urls", $"'{url}' is not an http(s) URL.", "For example --urls http://127.0.0.1:5080"));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Services.AddSingleton<IProtocolStateStore>(new InMemoryProtocolStateStore());
        builder.Services.AddSingleton(_ => new SdJwtVcVerifier(
            trust.KeyResolver,
            checkStatus ? trust.CreateStatusResolver(host.TimeProvider) : null,
            ClaimValues.LoadTypeMetadata(),
            options: new SdJwtVcVerifierOptions { TimeProvider = host.TimeProvider }));
        VerifierServer? server = null;
        builder.Services.AddOpenId4VpVerifier(_ =>
        {
            var responseUri = new Uri(server!.Origin + "/openid4vp/response");
            return new OpenId4VpVerifierOptions
            {
                ClientId = ClientIdentifier.ForRedirectUri(responseUri).Value,
                ResponseUri = responseUri,
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
        catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            await app.DisposeAsync();
            throw new CliException(new CliError(ListenFailedCode, $"Could not listen on {url}: {ex.Message}", "Choose another port with --urls."), ex);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? url;
        server = new VerifierServer(app, address.TrimEnd('/'));
        return server;
    }

    /// <summary>Creates a transaction for <paramref name="query"/> and a completion for its result.</summary>
    public async Task<(OpenId4VpTransaction Transaction, Task<OpenId4VpTransactionResult> Result)> CreateRequestAsync(DcqlQuery query, CancellationToken cancellationToken)
    {
        var transaction = await Verifier.CreateRequestAsync(query, cancellationToken);
        var completion = _waiting.GetOrAdd(transaction.TransactionId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        return (transaction, completion.Task);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private void Complete(OpenId4VpTransactionResult result)
    {
        _waiting.GetOrAdd(result.TransactionId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(result);
        ResultReceived?.Invoke(result);
    }
}
