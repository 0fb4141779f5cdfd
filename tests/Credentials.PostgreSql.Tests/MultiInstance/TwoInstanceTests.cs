using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.OpenId4Vci;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Credentials.Testing.Stores;
using Credentials.Trust;
using Credentials.Wallet;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vci;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Xunit.Abstractions;
using Xunit;

namespace Credentials.PostgreSql.Tests.MultiInstance;

/// <summary>
/// Two issuer instances on one PostgreSQL database behind one public Credential Issuer Identifier, as behind a load
/// balancer: many wallets at once, each offer created on one instance and redeemed on the other, the same
/// pre-authorized code raced on both, status indexes allocated by both, and a revocation made through one instance
/// read from the status list the other publishes and serves.
/// </summary>
public sealed class TwoInstanceTests(ITestOutputHelper output)
{
    private const int Wallets = 40;
    private const int Races = 40;
    private const int ListCapacity = 4096;

    /// <summary>The load balancer's address: nothing listens there; <see cref="LoadBalancer"/> forwards every request.</summary>
    private static readonly Uri PublicOrigin = new("http://127.0.0.9:8443");

    [Fact]
    public async Task TwoInstancesOneDatabase_ConcurrentWallets_EachCodeRedeemedOnceEachIndexGivenOnceRevocationSeenByBoth()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await PostgreSqlTestServer.GetConnectionStringAsync()) { MaxPoolSize = 16 }.ConnectionString;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
        using var issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "issuer-2026");
        var issuerId = PublicOrigin.GetLeftPart(UriPartial.Authority) + "/issuer";
        var statusListUri = issuerId + "/status/1";
        var shared = new SharedIssuerConfiguration(issuerId, statusListUri, issuerKey, clock);

        // Both start at once on an empty database (schema creation raced), and both create the one status list.
        var started = await Task.WhenAll(IssuerInstance.StartAsync("A", connectionString, shared), IssuerInstance.StartAsync("B", connectionString, shared));
        await using var a = started[0];
        await using var b = started[1];
        IssuerInstance[] instances = [a, b];
        var created = await Task.WhenAll(a.StatusLists.CreateListAsync(statusListUri, 2, ListCapacity).AsTask(), b.StatusLists.CreateListAsync(statusListUri, 2, ListCapacity).AsTask());
        Assert.Equal(1, created.Count(c => c));

        using var balancer = new LoadBalancer(PublicOrigin, instances);
        var walletRoot = Path.Combine(Path.GetTempPath(), "credentials-multi-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(walletRoot);
        var keys = new StaticIssuerKeyResolver([new KeyValuePair<string, Jwk>(issuerId, issuerKey.PublicJwk)]);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var flows = Enumerable.Range(0, Wallets).Select(i => ReceiveThroughBothAsync(i, instances, balancer, keys, clock, walletRoot, statusListUri));
            var races = Enumerable.Range(0, Races).Select(i => RaceOnBothAsync(i, instances, balancer, clock));
            var flowTasks = flows.ToArray();
            var raceTasks = races.ToArray();
            await Task.WhenAll(flowTasks.Cast<Task>().Concat(raceTasks));
            stopwatch.Stop();

            var outcomes = flowTasks.Select(t => t.Result).ToArray();
            var failures = outcomes.Where(o => o.Error is not null).Select(o => o.Error!).ToArray();
            var completed = outcomes.Length - failures.Length;
            var indexes = outcomes.Where(o => o.Index is not null).Select(o => o.Index!.Value).ToArray();
            var duplicateIndexes = indexes.Length - indexes.Distinct().Count();
            var winners = raceTasks.Select(t => t.Result).ToArray();
            var duplicateCodes = winners.Count(w => w > 1);
            var unredeemed = winners.Count(w => w == 0);
            var allocated = (await a.StatusStore.GetListAsync(statusListUri))!.Allocated;

            foreach (var failure in failures.Take(5))
            {
                output.WriteLine("failure: " + failure);
            }

            Assert.Empty(failures);

            // A revocation made through B, published by A, served by both.
            var revoked = outcomes[0].Index!.Value;
            await b.StatusLists.RevokeAsync(new StatusReference(statusListUri, revoked));
            await a.StatusLists.PublishAsync(statusListUri);
            var servedByA = await FetchStatusListAsync(balancer, 0, statusListUri);
            var servedByB = await FetchStatusListAsync(balancer, 1, statusListUri);
            var verifier = new StatusListTokenVerifier(keys, new StatusListTokenVerifierOptions { TimeProvider = clock });
            var list = await verifier.VerifyAsync(servedByB, statusListUri);

            output.WriteLine($"instances: A {a.Origin}, B {b.Origin}; one database; public Credential Issuer Identifier {issuerId}");
            output.WriteLine($"wallet flows completed: {completed}/{Wallets} (offer created on one instance; offer fetched, code redeemed, nonce given on the other; credential issued by the first)");
            output.WriteLine($"pre-authorized codes raced on both instances at once: {Races}; won exactly once: {winners.Count(w => w == 1)}; duplicate codes redeemed: {duplicateCodes}; won by none: {unredeemed}");
            output.WriteLine($"status indexes given: {indexes.Length} (list says {allocated} allocated); duplicate indexes: {duplicateIndexes}");
            output.WriteLine($"revocation through B of index {revoked}: {(list.IsValid && list.Value.StatusList.Get(revoked).IsInvalid ? "revoked" : "NOT revoked")} in the token A published and B served; same token served by A: {servedByA == servedByB}");
            output.WriteLine($"requests forwarded: A {balancer.Forwarded(0)}, B {balancer.Forwarded(1)}");
            output.WriteLine($"elapsed: {stopwatch.Elapsed.TotalSeconds:F1} s");
            Assert.Equal(Wallets, completed);
            Assert.Equal(0, duplicateCodes);
            Assert.Equal(0, unredeemed);
            Assert.Equal(Wallets, indexes.Length);
            Assert.Equal(0, duplicateIndexes);
            Assert.Equal(Wallets, allocated);
            Assert.True(list.IsValid, list.Error?.ToString());
            Assert.True(list.Value.StatusList.Get(revoked).IsInvalid);
            Assert.All(indexes.Where(i => i != revoked), i => Assert.True(list.Value.StatusList.Get(i).IsValid));
            Assert.Equal(servedByA, servedByB);
            Assert.True(balancer.Forwarded(0) > Wallets && balancer.Forwarded(1) > Wallets, "both instances served wallets");
            // Only a hang fails this: a loaded machine can be several times slower than a quiet one.
            Assert.True(stopwatch.Elapsed < TimeSpan.FromMinutes(5), $"the wallets took {stopwatch.Elapsed}");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(walletRoot, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// One wallet: the offer is created on instance <c>i % 2</c>; the wallet fetches it, redeems its code (with DPoP),
    /// and gets its c_nonce at the other instance; the Credential Request (with the token and DPoP nonce the other
    /// instance gave) goes back to the first. Returns the credential's status index, or the error.
    /// </summary>
    private static async Task<FlowOutcome> ReceiveThroughBothAsync(int i, IssuerInstance[] instances, LoadBalancer balancer, IIssuerKeyResolver keys, TimeProvider clock, string walletRoot, string statusListUri)
    {
        var creator = i % 2;
        var redeemer = 1 - creator;
        var offer = await instances[creator].Issuer.CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = [IssuerInstance.AgeConfiguration], SubjectId = "person-" + i });

        using var http = balancer.CreateClient(request => request.RequestUri!.AbsolutePath.EndsWith("/credential", StringComparison.Ordinal) || request.RequestUri.AbsolutePath.EndsWith("/notification", StringComparison.Ordinal) ? creator : redeemer);
        var client = new OpenId4VciClient(http, new OpenId4VciClientOptions { Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback }, TimeProvider = clock });
        var opened = await WalletStore.CreateAsync(Path.Combine(walletRoot, $"wallet-{i}.db"), WalletSecret.FromPassphrase("correct horse battery staple"), new WalletOptions { KdfParameters = new WalletKdfParameters { MemoryKiB = 64, Passes = 1 } });
        if (!opened.IsValid)
        {
            return new FlowOutcome(null, "wallet: " + opened.Error);
        }

        using var store = opened.Value;
        var verifier = new SdJwtVcVerifier(keys, options: new SdJwtVcVerifierOptions { TimeProvider = clock });
        var wallet = new CredentialWallet(store, verifier, new CredentialWalletOptions { TimeProvider = clock, ImportStatus = StatusCheck.Skip, ImportTypeMetadata = TypeMetadataCheck.Skip });
        var resolved = await client.ResolveOfferAsync(offer.ByReferenceLink);
        if (!resolved.IsValid)
        {
            return new FlowOutcome(null, "resolve: " + resolved.Error);
        }

        var received = await client.ReceiveAsync(resolved.Value, wallet);
        if (!received.IsValid)
        {
            return new FlowOutcome(null, "receive: " + received.Error);
        }

        var stored = await store.GetAsync(received.Value.Imported.Id);
        var payload = Jws.ReadCompact(SdJwtToken.Read(stored.Value.Raw).Value.IssuerSignedJwt).Value.ParsePayload().Value;
        var reference = StatusReference.Read(payload.GetProperty(StatusReference.StatusClaimName));
        return reference.IsValid && reference.Value.Uri == statusListUri
            ? new FlowOutcome(reference.Value.Index, null)
            : new FlowOutcome(null, "status: " + (reference.Error?.ToString() ?? "another list"));
    }

    /// <summary>
    /// One code raced: the offer is created on instance <c>i % 2</c>; a DPoP nonce is fetched, then the same
    /// pre-authorized code is sent to both instances at once (each with its own DPoP proof). Returns how many got a token.
    /// </summary>
    private static async Task<int> RaceOnBothAsync(int i, IssuerInstance[] instances, LoadBalancer balancer, TimeProvider clock)
    {
        var offer = await instances[i % 2].Issuer.CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = [IssuerInstance.AgeConfiguration], SubjectId = "raced-" + i });
        var code = offer.Offer.PreAuthorizedCode!.PreAuthorizedCode;
        var tokenEndpoint = new Uri(instances[0].Issuer.TokenEndpoint);
        using var dpopKey = SigningKey.Create(JwsAlgorithm.Es256);
        using var toA = balancer.CreatePinnedClient(0);
        using var toB = balancer.CreatePinnedClient(1);

        // RFC 9449 section 8: the first proof, without a nonce, is answered use_dpop_nonce (the code is not touched).
        using var first = await PostTokenAsync(i % 2 == 0 ? toB : toA, tokenEndpoint, code, await DpopProof.CreateAsync(dpopKey, "POST", tokenEndpoint, clock));
        var nonce = first.Headers.TryGetValues(DpopProof.NonceHeaderName, out var values) ? values.Single() : throw new InvalidOperationException($"No DPoP nonce ({(int)first.StatusCode}).");
        var proofA = await DpopProof.CreateAsync(dpopKey, "POST", tokenEndpoint, clock, nonce);
        var proofB = await DpopProof.CreateAsync(dpopKey, "POST", tokenEndpoint, clock, nonce);

        var answers = await Task.WhenAll(PostTokenAsync(toA, tokenEndpoint, code, proofA), PostTokenAsync(toB, tokenEndpoint, code, proofB));
        try
        {
            foreach (var answer in answers.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                var error = ProtocolErrorResponse.TryParse(await answer.Content.ReadAsByteArrayAsync())?.Error;
                if (error != "invalid_grant")
                {
                    throw new InvalidOperationException($"The losing request was answered {(int)answer.StatusCode} {error}, not invalid_grant.");
                }
            }

            return answers.Count(r => r.StatusCode == HttpStatusCode.OK);
        }
        finally
        {
            foreach (var answer in answers)
            {
                answer.Dispose();
            }
        }
    }

    private static async Task<HttpResponseMessage> PostTokenAsync(HttpClient http, Uri tokenEndpoint, string code, string proof)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", CredentialOffer.PreAuthorizedCodeGrantType), new("pre-authorized_code", code)]),
        };
        request.Headers.Add(DpopProof.HeaderName, proof);
        return await http.SendAsync(request);
    }

    private static async Task<string> FetchStatusListAsync(LoadBalancer balancer, int instance, string uri)
    {
        using var http = balancer.CreatePinnedClient(instance);
        using var response = await http.GetAsync(uri);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private sealed record FlowOutcome(long? Index, string? Error);
}
