using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.SdJwt;
using Credentials.Wallet.OpenId4Vci;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vci;

/// <summary>
/// OpenID4VCI 1.0 sections 9 to 11 over real Kestrel with the wallet client: deferred issuance across a restart,
/// exactly-once delivery, rejection, notifications and encrypted requests and responses.
/// </summary>
public sealed class DeferredEndToEndTests
{
    private readonly List<string> _transactions = [];
    private readonly List<CredentialNotification> _notifications = [];

    private OpenId4VciIssuerOptions Configure(OpenId4VciIssuerOptions o, bool defer = true) => o with
    {
        DeferredIssuance = new DeferredIssuanceOptions
        {
            Defer = (request, _) =>
            {
                lock (_transactions)
                {
                    _transactions.Add(request.TransactionId);
                }

                return ValueTask.FromResult(defer);
            },
            Interval = TimeSpan.FromSeconds(30),
        },
        Notifications = new IssuerNotificationOptions
        {
            OnNotification = (n, _) =>
            {
                lock (_notifications)
                {
                    _notifications.Add(n);
                }

                return ValueTask.CompletedTask;
            },
        },
    };

    private static CredentialDataset Dataset(IssuerTestBed bed) => new()
    {
        Claims = SdJwtPayload.Create().Object("exam", e => e.Claim("category_code", "FE")).Disclosable("family_name", "高橋").Claim("issuing_country", "JP"),
        ExpiresAt = bed.Clock.GetUtcNow().AddDays(730),
    };

    private static async Task<PendingCredential> DeferAsync(IssuerTestBed bed)
    {
        var outcome = await bed.Client.ReceiveOrDeferAsync(await bed.ResolveAsync(await bed.OfferAsync()), bed.Wallet);
        Assert.True(outcome.IsValid, outcome.Error?.ToString());
        Assert.True(outcome.Value.IsPending);

        // The app persists the pending issuance durably and reads it back later.
        var read = PendingCredential.Read(outcome.Value.Pending!.ToJson());
        Assert.True(read.IsValid);
        return read.Value;
    }

    [Fact]
    public async Task Deferred_PendingThenApprovedAfterRestart_IsStoredOnceAndAccepted()
    {
        await using var bed = await IssuerTestBed.StartAsync(o => Configure(o));
        var pending = await DeferAsync(bed);
        Assert.Equal(_transactions.Single(), pending.TransactionId);
        Assert.Equal(bed.Clock.GetUtcNow().AddSeconds(30), pending.RetryAfter);

        var still = await bed.Client.CompleteDeferredAsync(pending, bed.Wallet);
        Assert.True(still.IsValid, still.Error?.ToString());
        Assert.True(still.Value.IsPending);

        await bed.RestartAsync();
        Assert.True(await bed.Issuer.ApproveDeferredAsync(pending.TransactionId, Dataset(bed)));
        var done = await bed.Client.CompleteDeferredAsync(pending, bed.Wallet);
        var again = await bed.Client.CompleteDeferredAsync(pending, bed.Wallet);

        Assert.True(done.IsValid, done.Error?.ToString());
        Assert.False(done.Value.IsPending);
        Assert.Equal(IssuerTestBed.ExamConfiguration, done.Value.Received!.CredentialConfigurationId);
        Assert.Equal(pending.HolderKeyIds, done.Value.Received.HolderKeyIds);
        Assert.Equal(OpenId4VciErrors.InvalidTransactionId, again.Error?.Code);
        var notification = Assert.Single(_notifications);
        Assert.Equal(CredentialNotificationEvent.CredentialAccepted, notification.Event);
        Assert.Equal(pending.TransactionId, notification.TransactionId);
    }

    [Fact]
    public async Task Deferred_ConcurrentPolls_DeliverOnce()
    {
        await using var bed = await IssuerTestBed.StartAsync(o => Configure(o));
        var pending = await DeferAsync(bed);
        Assert.True(await bed.Issuer.ApproveDeferredAsync(pending.TransactionId, Dataset(bed)));

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () => await bed.Client.RequestDeferredCredentialAsync(bed.Issuer.Metadata, pending))));

        Assert.Equal(1, results.Count(r => r.IsValid && r.Value.Credentials is { Count: 1 }));
        Assert.All(results.Where(r => !r.IsValid), r => Assert.Equal(OpenId4VciErrors.InvalidTransactionId, r.Error?.Code));
        Assert.Equal(5, results.Count(r => !r.IsValid));
    }

    [Fact]
    public async Task Deferred_Rejected_IsCredentialRequestDenied()
    {
        await using var bed = await IssuerTestBed.StartAsync(o => Configure(o));
        var pending = await DeferAsync(bed);

        Assert.True(await bed.Issuer.RejectDeferredAsync(pending.TransactionId));
        var denied = await bed.Client.CompleteDeferredAsync(pending, bed.Wallet);

        Assert.Equal(OpenId4VciErrors.CredentialRequestDenied, denied.Error?.Code);
    }

    [Fact]
    public async Task ReceiveAsync_Deferred_IsIssuancePending()
    {
        await using var bed = await IssuerTestBed.StartAsync(o => Configure(o));

        var received = await bed.Client.ReceiveAsync(await bed.ResolveAsync(await bed.OfferAsync()), bed.Wallet);

        Assert.Equal(OpenId4VciErrors.IssuancePending, received.Error?.Code);
    }

    [Fact]
    public async Task Notification_AcceptedAfterStoring_DeletedLater_UnknownIdRefused()
    {
        await using var bed = await IssuerTestBed.StartAsync(o => Configure(o, defer: false));

        var received = await bed.Client.ReceiveAsync(await bed.ResolveAsync(await bed.OfferAsync()), bed.Wallet);
        Assert.True(received.IsValid, received.Error?.ToString());
        var target = received.Value.Notification!;
        var deleted = await bed.Client.NotifyAsync(target, CredentialNotificationEvent.CredentialDeleted, "User removed it.");
        var unknown = await bed.Client.NotifyAsync(target with { NotificationId = "unknown" }, CredentialNotificationEvent.CredentialAccepted);

        Assert.True(deleted.IsValid, deleted.Error?.ToString());
        Assert.Equal([CredentialNotificationEvent.CredentialAccepted, CredentialNotificationEvent.CredentialDeleted], _notifications.Select(n => n.Event));
        Assert.Equal(OpenId4VciErrors.InvalidNotificationId, unknown.Error?.Code);
        Assert.Equal(bed.IssuerId + "/notification", target.NotificationEndpoint);
    }

    [Fact]
    public async Task EncryptedRequestAndResponse_RoundTrip_AndPlainRequestRefused()
    {
        using var issuerKey = KeyAgreementKey.CreateEc(JwkCurves.P256, "enc-1");
        await using var bed = await IssuerTestBed.StartAsync(o => Configure(o, defer: false) with
        {
            Encryption = new IssuerEncryptionOptions { ResponseEncryptionRequired = true, RequestDecryptionKeys = [issuerKey] },
        });

        var received = await bed.Client.ReceiveAsync(await bed.ResolveAsync(await bed.OfferAsync()), bed.Wallet);
        Assert.True(received.IsValid, received.Error?.ToString());

        var token = await bed.TokenAsync(await bed.OfferAsync());
        var proof = await bed.ProofAsync(SigningKey.Create(JwsAlgorithm.Es256), await bed.NonceAsync());
        var plain = await bed.PostCredentialRawAsync(token, new CredentialRequest { CredentialConfigurationId = IssuerTestBed.ExamConfiguration, JwtProofs = [proof] }.ToJson());
        Assert.Equal((400, "invalid_encryption_parameters"), (plain.Status, plain.Error));
    }

    [Fact]
    public async Task EncryptedResponse_Preferred_IsApplicationJwtAndDeferredEndpointEncryptsToo()
    {
        await using var bed = await IssuerTestBed.StartAsync(o => Configure(o) with { Encryption = new IssuerEncryptionOptions() });
        var client = new OpenId4VciClient(bed.Http, new OpenId4VciClientOptions
        {
            Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
            TimeProvider = bed.Clock,
            PreferEncryptedResponses = true,
        });

        var outcome = await client.ReceiveOrDeferAsync(await bed.ResolveAsync(await bed.OfferAsync()), bed.Wallet);
        Assert.True(outcome.IsValid, outcome.Error?.ToString());
        Assert.True(await bed.Issuer.ApproveDeferredAsync(outcome.Value.Pending!.TransactionId, Dataset(bed)));
        var done = await client.CompleteDeferredAsync(outcome.Value.Pending, bed.Wallet);
        Assert.True(done.IsValid, done.Error?.ToString());

        // A raw request asking for encryption gets application/jwt.
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);
        var token = await bed.TokenAsync(await bed.OfferAsync());
        var json = "{\"transaction_id\":\"x\",\"credential_response_encryption\":{\"jwk\":" + (key.PublicJwk with { Alg = "ECDH-ES" }).ToJson() + ",\"enc\":\"A256GCM\"}}";
        var raw = await bed.PostRawAsync(bed.Issuer.DeferredCredentialEndpoint!, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(401, raw.Status);
        using var request = new HttpRequestMessage(HttpMethod.Post, bed.Issuer.CredentialEndpoint)
        {
            Content = new StringContent(new CredentialRequest { CredentialConfigurationId = IssuerTestBed.ExamConfiguration, JwtProofs = [await bed.ProofAsync(SigningKey.Create(JwsAlgorithm.Es256), await bed.NonceAsync())], ResponseEncryption = new CredentialResponseEncryption { Jwk = key.PublicJwk with { Alg = "ECDH-ES" }, Enc = "A256GCM" } }.ToJson(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await bed.Http.SendAsync(request, CancellationToken.None);
        Assert.Equal(202, (int)response.StatusCode);
        Assert.Equal("application/jwt", response.Content.Headers.ContentType?.MediaType);
        Assert.True(new Credentials.Jose.JweDecrypter(key).Decrypt(await response.Content.ReadAsStringAsync()).IsValid);
    }
}
