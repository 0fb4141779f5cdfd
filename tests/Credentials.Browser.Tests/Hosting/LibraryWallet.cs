using System;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vp;
using Xunit;

namespace Credentials.Browser.Tests.Hosting;

/// <summary>
/// The library's wallet behind the injected <c>navigator.credentials.get</c>: it answers the page's
/// <c>{protocol, data}</c> with <see cref="OpenId4VpWalletClient.AnswerDigitalCredentialsApiRequestAsync"/> for the
/// Origin of the calling frame as the browser reports it, approving what it is shown. A refused request becomes a
/// <c>NetworkError</c> in the page, as a platform reports a wallet failure; every answer and refusal is recorded.
/// </summary>
internal sealed class LibraryWallet(OpenId4VpWalletClient client)
{
    public ConcurrentQueue<string> Origins { get; } = new();

    public ConcurrentQueue<PresentationPlan> Plans { get; } = new();

    public ConcurrentQueue<VerificationError> Refusals { get; } = new();

    /// <summary>The <c>data</c> objects the wallet answered with, as JSON.</summary>
    public ConcurrentQueue<string> Answers { get; } = new();

    /// <summary>When set, answered instead of asking the wallet (to replay an earlier answer).</summary>
    public string? Replay { get; set; }

    /// <summary>When set, the wallet answers as if called from this Origin instead of the frame's (a misbound answer).</summary>
    public string? AnswerForOrigin { get; set; }

    public async Task<string> AnswerAsync(string frameUrl, string requestJson)
    {
        var origin = new Uri(frameUrl).GetLeftPart(UriPartial.Authority);
        using var request = JsonDocument.Parse(requestJson);
        // What the page reports as location.origin is the browser's own Origin of the frame.
        Assert.Equal(origin, request.RootElement.GetProperty("origin").GetString());
        Origins.Enqueue(origin);
        var digital = request.RootElement.GetProperty("digital").GetProperty("requests")[0];
        var protocol = digital.GetProperty("protocol").GetString()!;
        if (Replay is not null)
        {
            return JsonSerializer.Serialize(new { protocol, data = JsonDocument.Parse(Replay).RootElement });
        }

        var answer = await client.AnswerDigitalCredentialsApiRequestAsync(protocol, digital.GetProperty("data"), AnswerForOrigin ?? origin, (plan, _) =>
        {
            Plans.Enqueue(plan);
            return ValueTask.FromResult(PresentationConsent.Approve);
        }, CancellationToken.None);
        if (!answer.IsValid)
        {
            Refusals.Enqueue(answer.Error);
            return """{"exception":"NetworkError","message":"The wallet refused the request."}""";
        }

        var data = answer.Value.Data.GetRawText();
        Answers.Enqueue(data);
        return JsonSerializer.Serialize(new { protocol, data = answer.Value.Data });
    }
}
