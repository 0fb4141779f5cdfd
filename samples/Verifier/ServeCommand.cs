using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Samples.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credentials.Samples.Verifier;

/// <summary>
/// <c>verifier serve</c>: the OpenID4VP verifier as a long-running server. <c>POST /requests?query=NAME</c> (or a
/// DCQL JSON body) creates a request and returns its link; <c>GET /requests/{id}</c> returns the result. Results are
/// also printed as they arrive. Transactions live in a SQLite file (<c>--state</c>), so a restart loses none. Stops on
/// Ctrl+C.
/// </summary>
internal static partial class ServeCommand
{
    /// <summary>The largest DCQL body <c>POST /requests</c> reads (the DCQL reader's own limit); a larger one is HTTP 413.</summary>
    public const int MaxQueryBodyLength = 64 * 1024;

    public static Command Create(CliHost host)
    {
        var trust = new Option<string>("--trust") { Required = true };
        var urls = new Option<string>("--urls") { DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var skipStatus = new Option<bool>("--skip-status");
        var requireStatus = VerifierServer.RequireStatusOption();
        var allowLocal = new Option<bool>("--allow-local-network");
        var lang = new Option<string?>("--lang").AcceptOnlyFromAmong("ja", "en");
        var state = new Option<string?>("--state");
        var prefix = new Option<string?>("--client-id-prefix").AcceptOnlyFromAmong("redirect_uri", "x509_san_dns", "x509_hash");
        var cert = new Option<string?>("--cert");
        var key = new Option<string?>("--key");
        var command = new Command("serve")
        {
            trust, urls, skipStatus, requireStatus, allowLocal, lang, state, prefix, cert, key,
        };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var language = context.GetValue(lang) is { } tag ? UiLanguages.FromTag(tag) : context.Language;
            using var issuers = IssuerTrust.Load(context.GetValue(trust)!, context.GetValue(allowLocal));
            var served = 0;
            var statePath = Path.GetFullPath(context.GetValue(state) ?? VerifierServer.DefaultStatePath());
            VerifierIdentity? identity = null;
            if (context.GetValue(prefix) is "x509_san_dns" or "x509_hash")
            {
                if (context.GetValue(cert) is not { } certPath || context.GetValue(key) is not { } keyPath)
                {
                    throw new CliException(CliErrors.InvalidOption("--client-id-prefix", "x509_san_dns and x509_hash need --cert (the PEM chain, leaf first) and --key (its private key, JWK or PEM).", "Create them with 'verifier cert create'."));
                }

                identity = new VerifierIdentity(context.GetValue(prefix)!, CertCommand.ReadKey(keyPath), CertCommand.ReadChain(certPath));
            }

            await using var server = await VerifierServer.StartAsync(context.GetValue(urls)!, statePath, issuers, host, !context.GetValue(skipStatus), context.GetValue(requireStatus), (app, current) =>
            {
                var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Credentials.Samples.Verifier.Requests");
                app.MapPost("/requests", async (HttpContext http) =>
                {
                    // Only named queries or a DCQL body: a value from the network is never used as a file path. Any
                    // body is read (chunked too) up to the limit; one over it is refused, never replaced by a default.
                    string? value = http.Request.Query["query"];
                    var body = await ReadBodyAsync(http, MaxQueryBodyLength);
                    if (body is null)
                    {
                        return Problem(413, "invalid_request", $"The DCQL body is larger than {MaxQueryBodyLength} bytes.");
                    }

                    if (body.Length > 0 && value is not null)
                    {
                        return Problem(400, "invalid_request", "Give the query either as ?query=NAME or as a DCQL body, not both.");
                    }

                    if (body.Length > 0)
                    {
                        var json = System.Text.Encoding.UTF8.GetString(body);
                        return await CreateAsync(current(), () => Queries.Parse(json, "request body"), logger, http.RequestAborted);
                    }

                    return await CreateAsync(current(), () => Queries.LoadNamed(value ?? "age-over-20"), logger, http.RequestAborted);
                });
                app.MapGet("/requests/{id}", async (string id, CancellationToken ct) =>
                {
                    try
                    {
                        var result = await current().Verifier.GetResultAsync(id, null, ct);
                        return result.IsValid
                            ? Results.Text((await TransactionReport.ToJsonAsync(result.Value, language, ct)).ToJsonString(), "application/json")
                            : Results.NotFound(new { error = result.Error.Code.Value });
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogRequestFailed(logger, "GET /requests/{id}", ex);
                        return Problem(500, "server_error", "The result could not be read.");
                    }
                });
            }, cancellationToken, identity);
            server.ResultReceived += result =>
            {
                Interlocked.Increment(ref served);
                if (!context.Json)
                {
                    TransactionReport.WriteAsync(context.Console, result, language, CancellationToken.None).GetAwaiter().GetResult();
                }
            };
            context.Status(language.Pick(
                $"OpenID4VP 検証者: {server.Origin}（POST /requests?query=age-over-20、Ctrl+C で終了）",
                $"OpenID4VP verifier on {server.Origin} (POST /requests?query=age-over-20; Ctrl+C stops)"));
            try
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, server.Stopping);
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }

            return context.Result(new System.Text.Json.Nodes.JsonObject { ["origin"] = server.Origin, ["results"] = served }, _ => { });
        });
        return command;
    }

    private static async Task<IResult> CreateAsync(VerifierServer server, Func<Credentials.Dcql.DcqlQuery> query, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var (transaction, _) = await server.CreateRequestAsync(query(), cancellationToken);
            return Results.Json(new { transaction_id = transaction.TransactionId, link = transaction.ByReferenceLink ?? transaction.ByValueLink, expires_at = transaction.ExpiresAt });
        }
        catch (CliException ex) when (ex.Error.Code == VerifierServer.TooManyPendingCode)
        {
            return Problem(503, ex.Error.Code, ex.Error.Message);
        }
        catch (CliException ex)
        {
            return Results.BadRequest(new { error = ex.Error.Code, error_description = ex.Error.Message });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRequestFailed(logger, "POST /requests", ex);
            return Problem(500, "server_error", "The request could not be created.");
        }
    }

    private static IResult Problem(int status, string error, string description)
        => Results.Json(new { error, error_description = description }, statusCode: status);

    /// <summary>The whole body, chunked or not, or <see langword="null"/> when it is longer than <paramref name="maxLength"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, int maxLength)
    {
        if (http.Request.ContentLength > maxLength)
        {
            return null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxLength + 1L;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        try
        {
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxLength)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "{Endpoint} failed and answered server_error")]
    private static partial void LogRequestFailed(ILogger logger, string endpoint, Exception exception);
}
