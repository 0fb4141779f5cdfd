using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Keys;
using Credentials.Status;
using Credentials.Testing;
using Credentials.Tests.W3c.DataIntegrity;
using Credentials.W3c;
using Credentials.W3c.BitstringStatus;
using Credentials.W3c.DataIntegrity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Credentials.Tests.W3c.BitstringStatus;

/// <summary>
/// Section 3.2, Validate, end to end: the issuer publishes a signed status list on a real loopback server, the verifier
/// fetches it through the guarded HTTP layer, verifies its proof, and reads the credential's entry.
/// </summary>
public sealed class BitstringStatusVerificationTests : IAsyncLifetime
{
    private readonly Dictionary<string, string> _published = [];
    private int _fetches;
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(app => app.MapGet("/status/{id}", (string id) =>
        {
            Interlocked.Increment(ref _fetches);
            return _published.TryGetValue(id, out var body) ? Results.Text(body, "application/vc+ld+json") : Results.NotFound();
        }));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ValidEntry_PassesTheStatusCheck()
    {
        await using var setup = await SetupAsync(BitstringStatusPurposes.Revocation);

        var result = await setup.VerifyAsync();

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(W3cCheckKind.Status));
    }

    [Fact]
    public async Task Revoked_ReportsStatusRevoked()
    {
        await using var setup = await SetupAsync(BitstringStatusPurposes.Revocation);
        await setup.Lists.RevokeAsync(setup.Entry);
        await setup.PublishAsync();

        var result = await setup.VerifyAsync();

        Assert.False(result.IsValid);
        Assert.Equal(StatusErrors.Revoked, result.Error.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(W3cCheckKind.Status));
    }

    [Fact]
    public async Task Suspended_ThenReinstated()
    {
        await using var setup = await SetupAsync(BitstringStatusPurposes.Suspension);
        await setup.Lists.SuspendAsync(setup.Entry);
        await setup.PublishAsync();
        var suspended = await setup.VerifyAsync();

        await setup.Lists.UnsuspendAsync(setup.Entry);
        await setup.PublishAsync();
        var reinstated = await setup.VerifyAsync(freshCache: true);

        Assert.Equal(StatusErrors.Suspended, suspended.Error?.Code);
        Assert.True(reinstated.IsValid, reinstated.Error?.ToString());
    }

    [Fact]
    public async Task ListFetchedOnce_ThenServedFromTheCache()
    {
        await using var setup = await SetupAsync(BitstringStatusPurposes.Revocation);
        var verifier = setup.Verifier();

        await setup.VerifyAsync(verifier);
        await setup.VerifyAsync(verifier);

        Assert.Equal(1, _fetches);
    }

    [Fact]
    public async Task ListPurposeDiffers_PurposeMismatch()
    {
        await using var setup = await SetupAsync(BitstringStatusPurposes.Revocation, listPurpose: BitstringStatusPurposes.Suspension);

        var result = await setup.VerifyAsync();

        Assert.Equal(BitstringStatusErrors.PurposeMismatch, result.Error?.Code);
    }

    [Fact]
    public async Task ListShorterThanTheVerifiersMinimum_ListTooShort()
    {
        await using var setup = await SetupAsync(BitstringStatusPurposes.Revocation);

        var result = await setup.VerifyAsync(setup.Verifier(new W3cCredentialVerifierOptions { MinimumStatusListEntries = 1_000_000 }));

        Assert.Equal(BitstringStatusErrors.ListTooShort, result.Error?.Code);
    }

    [Fact]
    public async Task ListAlteredAfterSigning_ListVerificationFailed()
    {
        await using var setup = await SetupAsync(BitstringStatusPurposes.Revocation);
        _published[setup.ListId] = _published[setup.ListId].Replace("\"revocation\"", "\"revocation \"", StringComparison.Ordinal);

        var result = await setup.VerifyAsync();

        Assert.Equal(BitstringStatusErrors.ListVerificationFailed, result.Error?.Code);
        Assert.NotNull(result.Error?.Inner);
    }

    [Fact]
    public async Task ListNotPublished_RetrievalFailed()
    {
        await using var setup = await SetupAsync(BitstringStatusPurposes.Revocation);
        _published.Remove(setup.ListId);

        var result = await setup.VerifyAsync();

        Assert.Equal(BitstringStatusErrors.RetrievalFailed, result.Error?.Code);
    }

    [Fact]
    public async Task NoResolver_RetrievalFailed_UnlessStatusIsSkipped()
    {
        await using var setup = await SetupAsync(BitstringStatusPurposes.Revocation);

        var without = await W3cCredentialVerifierTests.Verifier().VerifyAsync(setup.Credential);
        var skipped = await W3cCredentialVerifierTests.Verifier(new W3cCredentialVerifierOptions { Status = Credentials.StatusCheck.Skip }).VerifyAsync(setup.Credential);

        Assert.Equal(BitstringStatusErrors.RetrievalFailed, without.Error?.Code);
        Assert.True(skipped.IsValid, skipped.Error?.ToString());
        Assert.Equal(CheckOutcome.NotChecked, skipped.OutcomeOf(W3cCheckKind.Status));
    }

    private async Task<Setup> SetupAsync(string purpose, string? listPurpose = null)
    {
        var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issuer = DidKey.Create(key).Value;
        var listId = Guid.NewGuid().ToString("N");
        var listUrl = _server.Url("/status/" + listId);
        var lists = new BitstringStatusListIssuer(new InMemoryStatusListStore(), TestClock.At(DiTestSupport.Now));
        await lists.CreateListAsync(listUrl);
        var entry = (await lists.TryAllocateAsync(listUrl, purpose))!;
        var document = W3cCredentialVerifierTests.IssuedBy(key);
        document["credentialStatus"] = entry.ToJsonObject();
        var credential = (await DiTestSupport.SignAsync(key, Cryptosuite.EddsaRdfc2022, document)).ToJsonString();
        var setup = new Setup(this, key, issuer, listId, listUrl, lists, entry, credential, listPurpose ?? purpose);
        await setup.PublishAsync();
        return setup;
    }

    private sealed record Setup(BitstringStatusVerificationTests Owner, SigningKey Key, string Issuer, string ListId, Uri ListUrl,
        BitstringStatusListIssuer Lists, BitstringStatusListEntry Entry, string Credential, string ListPurpose) : IAsyncDisposable
    {
        private W3cCredentialVerifier? _verifier;

        public async Task PublishAsync()
        {
            var unsigned = await Lists.CreateStatusListCredentialAsync(ListUrl, Issuer, ListPurpose);
            var signed = await DiTestSupport.SignAsync(Key, Cryptosuite.EddsaRdfc2022, unsigned);
            await Lists.SavePublishedAsync(ListUrl, signed.ToJsonString());
            Owner._published[ListId] = (await Lists.GetPublishedAsync(ListUrl))!;
        }

        public W3cCredentialVerifier Verifier(W3cCredentialVerifierOptions? options = null)
        {
            var fetcher = new HttpFetcher(GuardedHttpHandler.CreateClient(new HttpFetchOptions { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback }),
                new HttpFetchOptions { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback });
            var lists = new BitstringStatusListResolver(W3cCredentialVerifierTests.Verifier(), fetcher, timeProvider: TestClock.At(DiTestSupport.Now));
            return W3cCredentialVerifierTests.Verifier(options, lists);
        }

        public async Task<W3cVerificationResult> VerifyAsync(W3cCredentialVerifier? verifier = null, bool freshCache = false)
        {
            if (freshCache || _verifier is null)
            {
                _verifier = Verifier();
            }

            return await (verifier ?? _verifier).VerifyAsync(Credential);
        }

        public ValueTask DisposeAsync()
        {
            Key.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
