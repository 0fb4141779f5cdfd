using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Samples.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Credentials.Samples.Verifier;

/// <summary>
/// <c>verifier serve</c>: the OpenID4VP verifier as a long-running server. <c>POST /requests?query=NAME</c> (or a
/// DCQL JSON body) creates a request and returns its link; <c>GET /requests/{id}</c> returns the result. Results are
/// also printed as they arrive. Stops on Ctrl+C.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliHost host)
    {
        var trust = new Option<string>("--trust") { Description = "Whom to trust: the issuer's public JWK file, the issuer's DID, or a trust list file.", Required = true };
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var skipStatus = new Option<bool>("--skip-status") { Description = "Do not check the revocation status (offline)." };
        var allowLocal = new Option<bool>("--allow-local-network") { Description = "Allow http:// and loopback hosts for DID documents and status lists (local demos only)." };
        var lang = new Option<string?>("--lang") { Description = "The language of labels: ja or en." }.AcceptOnlyFromAmong("ja", "en");
        var command = new Command("serve", "Run the OpenID4VP verifier: POST /requests?query=age-over-20 returns a request link, GET /requests/{id} its result.")
        {
            trust, urls, skipStatus, allowLocal, lang,
        };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var language = context.GetValue(lang) is { } tag ? UiLanguages.FromTag(tag) : context.Language;
            using var issuers = IssuerTrust.Load(context.GetValue(trust)!, context.GetValue(allowLocal));
            var served = 0;
            await using var server = await VerifierServer.StartAsync(context.GetValue(urls)!, issuers, host, !context.GetValue(skipStatus), (app, current) =>
            {
                app.MapPost("/requests", async (HttpContext http) =>
                {
                    // Only named queries or a DCQL body: a value from the network is never used as a file path.
                    string? value = http.Request.Query["query"];
                    if (value is null && http.Request.ContentLength is > 0 and <= 64 * 1024)
                    {
                        using var reader = new System.IO.StreamReader(http.Request.Body);
                        var json = await reader.ReadToEndAsync(http.RequestAborted);
                        return await CreateAsync(current(), () => Queries.Parse(json, "request body"), http.RequestAborted);
                    }

                    return await CreateAsync(current(), () => Queries.LoadNamed(value ?? "age-over-20"), http.RequestAborted);
                });
                app.MapGet("/requests/{id}", async (string id, CancellationToken ct) =>
                {
                    var result = await current().Verifier.GetResultAsync(id, null, ct);
                    return result.IsValid
                        ? Results.Text((await TransactionReport.ToJsonAsync(result.Value, language, ct)).ToJsonString(), "application/json")
                        : Results.NotFound(new { error = result.Error.Code.Value });
                });
            }, cancellationToken);
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

    private static async Task<IResult> CreateAsync(VerifierServer server, Func<Credentials.Dcql.DcqlQuery> query, CancellationToken cancellationToken)
    {
        try
        {
            var (transaction, _) = await server.CreateRequestAsync(query(), cancellationToken);
            return Results.Json(new { transaction_id = transaction.TransactionId, link = transaction.ByReferenceLink ?? transaction.ByValueLink, expires_at = transaction.ExpiresAt });
        }
        catch (CliException ex)
        {
            return Results.BadRequest(new { error = ex.Error.Code, error_description = ex.Error.Message });
        }
    }
}
