using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.OpenId4Vci;
using Credentials.SdJwt;
using Xunit;

namespace Credentials.Tests.OpenId4Vci;

/// <summary>OpenID4VCI 1.0 section 9: deferred issuance through the issuer's endpoint methods.</summary>
public sealed class DeferredIssuanceTests : IDisposable
{
    private readonly DeferredTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task CredentialRequest_Deferred_Is202WithTransactionIdAndInterval()
    {
        var issuer = _bed.Create();
        var token = await _bed.TokenAsync(issuer);

        var result = await _bed.RequestAsync(issuer, token);

        Assert.Equal(202, result.StatusCode);
        var response = DeferredTestBed.Response(result);
        Assert.Null(response.Credentials);
        Assert.Equal(_bed.Deferred.Single().TransactionId, response.TransactionId);
        Assert.Equal(600, response.Interval);
        Assert.Equal(0, _bed.DatasetCalls);
        Assert.Equal("exam-2026-05-01234", _bed.Deferred[0].Issuance.SubjectId);
    }

    [Fact]
    public async Task Metadata_NamesDeferredAndNotificationEndpoints()
    {
        var issuer = _bed.Create();

        var metadata = CredentialIssuerMetadata.Read(Encoding.UTF8.GetBytes(issuer.MetadataJson)).Value;

        Assert.Equal(DeferredTestBed.IssuerId + "/deferred_credential", metadata.DeferredCredentialEndpoint);
        Assert.Equal(DeferredTestBed.IssuerId + "/notification", metadata.NotificationEndpoint);
    }

    [Fact]
    public async Task Poll_WhilePending_Is202WithSameTransactionId()
    {
        var issuer = _bed.Create();
        var token = await _bed.TokenAsync(issuer);
        var transactionId = DeferredTestBed.Response(await _bed.RequestAsync(issuer, token)).TransactionId!;

        var poll = await DeferredTestBed.PollAsync(issuer, token, transactionId);

        Assert.Equal(202, poll.StatusCode);
        Assert.Equal(transactionId, DeferredTestBed.Response(poll).TransactionId);
        Assert.Equal(600, DeferredTestBed.Response(poll).Interval);
    }

    [Fact]
    public async Task Approve_ThenPoll_DeliversBoundCredentialOnceWithNotificationId()
    {
        var issuer = _bed.Create();
        var token = await _bed.TokenAsync(issuer);
        var transactionId = DeferredTestBed.Response(await _bed.RequestAsync(issuer, token)).TransactionId!;

        Assert.True(await issuer.ApproveDeferredAsync(transactionId, DeferredTestBed.Dataset()));
        var first = await DeferredTestBed.PollAsync(issuer, token, transactionId);
        var second = await DeferredTestBed.PollAsync(issuer, token, transactionId);

        Assert.Equal(200, first.StatusCode);
        var response = DeferredTestBed.Response(first);
        var credential = Assert.Single(response.Credentials!);
        Assert.NotNull(response.NotificationId);
        var cnf = global::Credentials.Tests.OpenId4Vci.DeferredAssert.CnfThumbprint(credential);
        Assert.Equal(_bed.Holder.PublicJwk.ComputeThumbprint(), cnf);
        Assert.Equal(OpenId4VciErrors.InvalidTransactionId, second.Code);
        Assert.Equal(400, second.StatusCode);
    }

    [Fact]
    public async Task ConcurrentPolls_AfterApproval_OneGetsTheCredential()
    {
        var issuer = _bed.Create();
        var token = await _bed.TokenAsync(issuer);
        var transactionId = DeferredTestBed.Response(await _bed.RequestAsync(issuer, token)).TransactionId!;
        Assert.True(await issuer.ApproveDeferredAsync(transactionId, DeferredTestBed.Dataset()));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await DeferredTestBed.PollAsync(issuer, token, transactionId))));

        Assert.Equal(1, results.Count(r => r.StatusCode == 200));
        Assert.All(results.Where(r => r.StatusCode != 200), r => Assert.Equal(OpenId4VciErrors.InvalidTransactionId, r.Code));
    }

    [Fact]
    public async Task Reject_ThenPoll_IsCredentialRequestDenied()
    {
        var issuer = _bed.Create();
        var token = await _bed.TokenAsync(issuer);
        var transactionId = DeferredTestBed.Response(await _bed.RequestAsync(issuer, token)).TransactionId!;

        Assert.True(await issuer.RejectDeferredAsync(transactionId));
        var poll = await DeferredTestBed.PollAsync(issuer, token, transactionId);

        Assert.Equal(OpenId4VciErrors.CredentialRequestDenied, poll.Code);
        Assert.False(await issuer.ApproveDeferredAsync(transactionId, DeferredTestBed.Dataset()));
    }

    [Fact]
    public async Task Approve_Twice_SecondIsFalse()
    {
        var issuer = _bed.Create();
        var token = await _bed.TokenAsync(issuer);
        var transactionId = DeferredTestBed.Response(await _bed.RequestAsync(issuer, token)).TransactionId!;

        Assert.True(await issuer.ApproveDeferredAsync(transactionId, DeferredTestBed.Dataset()));
        Assert.False(await issuer.ApproveDeferredAsync(transactionId, DeferredTestBed.Dataset()));
        Assert.False(await issuer.RejectDeferredAsync(transactionId));
        Assert.False(await issuer.ApproveDeferredAsync("unknown", DeferredTestBed.Dataset()));
    }

    [Fact]
    public async Task Poll_UnknownTransaction_IsInvalidTransactionId()
    {
        var issuer = _bed.Create();
        var token = await _bed.TokenAsync(issuer);

        var poll = await DeferredTestBed.PollAsync(issuer, token, "not-a-transaction");

        Assert.Equal(OpenId4VciErrors.InvalidTransactionId, poll.Code);
    }

    [Fact]
    public async Task Poll_OtherAccessToken_IsInvalidTokenAndConsumesNothing()
    {
        var issuer = _bed.Create();
        var token = await _bed.TokenAsync(issuer);
        var other = await _bed.TokenAsync(issuer);
        var transactionId = DeferredTestBed.Response(await _bed.RequestAsync(issuer, token)).TransactionId!;
        Assert.True(await issuer.ApproveDeferredAsync(transactionId, DeferredTestBed.Dataset()));

        var stolen = await DeferredTestBed.PollAsync(issuer, other, transactionId);
        var missing = await issuer.HandleDeferredCredentialRequestAsync(IssuerHttpRequest.Create("POST", issuer.DeferredCredentialEndpoint!, null), Encoding.UTF8.GetBytes("{\"transaction_id\":\"" + transactionId + "\"}"));
        var malformed = await issuer.HandleDeferredCredentialRequestAsync(IssuerHttpRequest.Create("POST", issuer.DeferredCredentialEndpoint!, "Bearer " + token), Encoding.UTF8.GetBytes("{\"transaction_id\":7}"));
        var owner = await DeferredTestBed.PollAsync(issuer, token, transactionId);

        Assert.Equal(OpenId4VciErrors.InvalidToken, stolen.Code);
        Assert.Equal(401, stolen.StatusCode);
        Assert.Equal(OpenId4VciErrors.InvalidToken, missing.Code);
        Assert.Equal(OpenId4VciErrors.InvalidCredentialRequest, malformed.Code);
        Assert.Equal(200, owner.StatusCode);
    }

    [Fact]
    public async Task SingleUseToken_ConsumedByDeferral_StillValidAtDeferredEndpointOnly()
    {
        var issuer = _bed.Create();
        var token = await _bed.TokenAsync(issuer);
        var transactionId = DeferredTestBed.Response(await _bed.RequestAsync(issuer, token)).TransactionId!;

        _bed.Defer = false;
        var again = await _bed.RequestAsync(issuer, token);
        var poll = await DeferredTestBed.PollAsync(issuer, token, transactionId);

        Assert.Equal(OpenId4VciErrors.InvalidToken, again.Code);
        Assert.Equal(202, poll.StatusCode);
    }

    [Fact]
    public async Task Poll_AfterAccessTokenExpiry_StillWorksWithinTransactionLifetime()
    {
        var issuer = _bed.Create();
        var token = await _bed.TokenAsync(issuer);
        var transactionId = DeferredTestBed.Response(await _bed.RequestAsync(issuer, token)).TransactionId!;
        _bed.Clock.Advance(TimeSpan.FromDays(2));
        Assert.True(await issuer.ApproveDeferredAsync(transactionId, DeferredTestBed.Dataset()));

        var poll = await DeferredTestBed.PollAsync(issuer, token, transactionId);
        _bed.Clock.Advance(TimeSpan.FromDays(8));

        Assert.Equal(200, poll.StatusCode);
        Assert.False(await issuer.RejectDeferredAsync(transactionId));
    }

    [Fact]
    public async Task Transaction_Expired_IsInvalidTransactionId()
    {
        var issuer = _bed.Create();
        var token = await _bed.TokenAsync(issuer);
        var transactionId = DeferredTestBed.Response(await _bed.RequestAsync(issuer, token)).TransactionId!;
        _bed.Clock.Advance(TimeSpan.FromDays(8));

        Assert.False(await issuer.ApproveDeferredAsync(transactionId, DeferredTestBed.Dataset()));
        Assert.Equal(OpenId4VciErrors.InvalidTransactionId, (await DeferredTestBed.PollAsync(issuer, token, transactionId)).Code);
    }

    [Fact]
    public async Task NewIssuerOverSameStore_KeepsTheTransaction()
    {
        var issuer = _bed.Create();
        var token = await _bed.TokenAsync(issuer);
        var transactionId = DeferredTestBed.Response(await _bed.RequestAsync(issuer, token)).TransactionId!;

        var restarted = _bed.Create();
        Assert.True(await restarted.ApproveDeferredAsync(transactionId, DeferredTestBed.Dataset()));

        Assert.Equal(200, (await DeferredTestBed.PollAsync(restarted, token, transactionId)).StatusCode);
    }

    [Fact]
    public async Task NotDeferred_IssuesImmediatelyWithNotificationId()
    {
        _bed.Defer = false;
        var issuer = _bed.Create();
        var token = await _bed.TokenAsync(issuer);

        var result = await _bed.RequestAsync(issuer, token);

        Assert.Equal(200, result.StatusCode);
        Assert.NotNull(DeferredTestBed.Response(result).NotificationId);
        Assert.Equal(1, _bed.DatasetCalls);
    }

    [Fact]
    public void Options_InvalidInterval_Throws()
        => Assert.Throws<InvalidOperationException>(() => _bed.Create(o => o with { DeferredIssuance = o.DeferredIssuance! with { Interval = TimeSpan.FromMilliseconds(10) } }));

    [Fact]
    public void CredentialResponse_TransactionWithoutInterval_IsInvalidResponse()
    {
        Assert.Equal(OpenId4VciErrors.InvalidResponse, CredentialResponse.Read(Encoding.UTF8.GetBytes("{\"transaction_id\":\"t\"}")).Error?.Code);
        Assert.Equal(OpenId4VciErrors.InvalidResponse, CredentialResponse.Read(Encoding.UTF8.GetBytes("{\"transaction_id\":\"t\",\"interval\":0}")).Error?.Code);
        Assert.Equal(5, CredentialResponse.Read(Encoding.UTF8.GetBytes("{\"transaction_id\":\"t\",\"interval\":5}")).Value.Interval);
    }
}

internal static class DeferredAssert
{
    public static string CnfThumbprint(string sdJwt)
    {
        var jwt = SdJwtToken.Read(sdJwt).Value.IssuerSignedJwt;
        var payload = global::Credentials.Jose.Jws.ReadCompact(jwt).Value.ParsePayload().Value;
        var jwk = global::Credentials.Keys.Jwk.ReadPublic(payload.GetProperty("cnf").GetProperty("jwk")).Value;
        return jwk.ComputeThumbprint();
    }
}
