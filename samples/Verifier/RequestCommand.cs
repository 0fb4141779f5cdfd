using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Samples.Common;
using Spectre.Console;

namespace Credentials.Samples.Verifier;

/// <summary>
/// <c>verifier request</c>: starts the OpenID4VP verifier, prints the request link for a wallet, waits for one
/// response, prints what was disclosed (exit 0) or why it was refused (exit 1).
/// </summary>
internal static class RequestCommand
{
    public const string TimeoutCode = "verifier.timeout";

    public static Command Create(CliHost host)
    {
        var query = new Option<string>("--query", "-q") { Required = true };
        var trust = new Option<string>("--trust") { Required = true };
        var urls = new Option<string>("--urls") { DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var linkOut = new Option<string?>("--link-out");
        var timeout = new Option<int>("--timeout") { DefaultValueFactory = _ => 300 };
        var skipStatus = new Option<bool>("--skip-status");
        var requireStatus = VerifierServer.RequireStatusOption();
        var allowLocal = new Option<bool>("--allow-local-network");
        var lang = new Option<string?>("--lang").AcceptOnlyFromAmong("ja", "en");
        var qr = new Option<bool>("--qr");
        var qrPng = new Option<string?>("--qr-png");
        var command = new Command("request")
        {
            query, trust, urls, linkOut, timeout, skipStatus, requireStatus, allowLocal, lang, qr, qrPng,
        };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var language = context.GetValue(lang) is { } tag ? UiLanguages.FromTag(tag) : context.Language;
            var dcql = Queries.Load(context.GetValue(query)!);
            using var issuers = IssuerTrust.Load(context.GetValue(trust)!, context.GetValue(allowLocal));
            await using var server = await VerifierServer.StartAsync(context.GetValue(urls)!, issuers, host, !context.GetValue(skipStatus), context.GetValue(requireStatus), null, cancellationToken);
            var (transaction, pending) = await server.CreateRequestAsync(dcql, cancellationToken);
            var link = transaction.ByReferenceLink ?? transaction.ByValueLink;
            if (context.GetValue(linkOut) is { } linkFile)
            {
                CliFiles.WriteAllText(linkFile, link, force: true);
            }

            if (context.GetValue(qrPng) is { } png)
            {
                QrCodes.SavePng(link, png);
            }

            if (context.GetValue(qr))
            {
                host.Error.WriteLine(QrCodes.ToText(link));
            }

            if (context.Json)
            {
                host.Error.WriteLine(link);
            }
            else
            {
                // Raw, not through Spectre: a link wrapped at the console width could not be copied.
                host.Output.WriteLine(link);
                host.Output.Flush();
                context.Status(language.Pick(
                    $"ウォレットの応答を待っています（{server.Origin}、最大{context.GetValue(timeout)}秒）: holder respond '<リンク>'",
                    $"Waiting for a wallet ({server.Origin}, up to {context.GetValue(timeout)} s): holder respond '<link>'"));
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, server.Stopping);
            deadline.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, context.GetValue(timeout))));
            Credentials.OpenId4Vp.OpenId4VpTransactionResult result;
            try
            {
                result = await pending.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (server.Stopping.IsCancellationRequested)
            {
                throw new CliException(CliErrors.Cancelled());
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliException(new CliError(TimeoutCode, "No wallet answered in time.", "Run 'holder respond LINK' while the verifier waits, or raise --timeout.", ExitCodes.Failure));
            }

            var json = await TransactionReport.ToJsonAsync(result, language, cancellationToken);
            json["link"] = link;
            if (result.IsAccepted)
            {
                return context.Result(json, console => TransactionReport.WriteAsync(console, result, language, cancellationToken).GetAwaiter().GetResult());
            }

            return context.NegativeResult(json, console => TransactionReport.WriteAsync(console, result, language, cancellationToken).GetAwaiter().GetResult());
        });
        return command;
    }
}
