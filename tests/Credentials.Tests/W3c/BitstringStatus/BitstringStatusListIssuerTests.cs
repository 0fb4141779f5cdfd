using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Status;
using Credentials.Testing;
using Credentials.W3c.BitstringStatus;
using Xunit;

namespace Credentials.Tests.W3c.BitstringStatus;

/// <summary>The issuer side: lists, random allocation, revocation (final), suspension (reversible), messages, and the list credential.</summary>
public sealed class BitstringStatusListIssuerTests
{
    private static readonly Uri s_revocation = new("https://issuer.example.jp/status/1");
    private static readonly Uri s_suspension = new("https://issuer.example.jp/status/2");
    private static readonly DateTimeOffset s_now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Allocate_GivesDistinctEntriesPointingAtTheList()
    {
        var issuer = await CreateAsync();

        var entries = await issuer.AllocateManyAsync(s_revocation, BitstringStatusPurposes.Revocation, 200);

        Assert.Equal(200, entries.Count);
        Assert.Equal(200, entries.Select(e => e.StatusListIndex).Distinct().Count());
        Assert.All(entries, e => Assert.Equal(s_revocation, e.StatusListCredential));
        Assert.All(entries, e => Assert.NotEqual(s_revocation.OriginalString, e.Id!.OriginalString));
        Assert.All(entries, e => Assert.True(BitstringStatusListEntry.Read(Json(e.ToJsonObject().ToJsonString())).IsValid));
    }

    [Fact]
    public async Task Revoke_SetsTheEntrysBitInThePublishedList()
    {
        var issuer = await CreateAsync();
        var entry = (await issuer.TryAllocateAsync(s_revocation, BitstringStatusPurposes.Revocation))!;
        var other = (await issuer.TryAllocateAsync(s_revocation, BitstringStatusPurposes.Revocation))!;

        await issuer.RevokeAsync(entry);
        await issuer.RevokeAsync(entry);

        var list = await ReadListAsync(issuer, s_revocation, BitstringStatusPurposes.Revocation);
        Assert.True(list.TryGetStatus(entry.StatusListIndex, out var revoked));
        Assert.Equal(1, revoked);
        Assert.True(list.TryGetStatus(other.StatusListIndex, out var valid));
        Assert.Equal(0, valid);
    }

    [Fact]
    public async Task Revocation_IsFinal()
    {
        var issuer = await CreateAsync();
        var entry = (await issuer.TryAllocateAsync(s_revocation, BitstringStatusPurposes.Revocation))!;
        await issuer.RevokeAsync(entry);

        await Assert.ThrowsAsync<InvalidOperationException>(() => issuer.SetStatusAsync(entry, 0).AsTask());
        Assert.Equal(1, await issuer.GetStatusAsync(entry));
    }

    [Fact]
    public async Task Suspension_IsReversible()
    {
        var issuer = await CreateAsync();
        var entry = (await issuer.TryAllocateAsync(s_suspension, BitstringStatusPurposes.Suspension))!;

        await issuer.SuspendAsync(entry);
        Assert.Equal(1, await issuer.GetStatusAsync(entry));
        await issuer.UnsuspendAsync(entry);

        Assert.Equal(0, await issuer.GetStatusAsync(entry));
    }

    [Fact]
    public async Task RevokeOrSuspend_WithAnEntryOfAnotherPurpose_Throws()
    {
        var issuer = await CreateAsync();
        var suspension = (await issuer.TryAllocateAsync(s_suspension, BitstringStatusPurposes.Suspension))!;
        var revocation = (await issuer.TryAllocateAsync(s_revocation, BitstringStatusPurposes.Revocation))!;

        await Assert.ThrowsAsync<ArgumentException>(() => issuer.RevokeAsync(suspension).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => issuer.SuspendAsync(revocation).AsTask());
    }

    [Fact]
    public async Task MessageList_NeedsOneMessagePerValue_AndPublishesTheValue()
    {
        var issuer = new BitstringStatusListIssuer(new InMemoryStatusListStore(), TestClock.At(s_now));
        var uri = new Uri("https://issuer.example.jp/status/messages");
        await issuer.CreateListAsync(uri, statusSize: 2);
        BitstringStatusMessage[] messages = [new(0, "valid"), new(1, "under_review"), new(2, "expired"), new(3, "undefined")];

        await Assert.ThrowsAsync<ArgumentException>(() => issuer.TryAllocateAsync(uri, BitstringStatusPurposes.Message, messages[..2]).AsTask());
        var entry = (await issuer.TryAllocateAsync(uri, BitstringStatusPurposes.Message, messages))!;
        await issuer.SetStatusAsync(entry, 2);

        Assert.Equal(2, entry.StatusSize);
        var list = await ReadListAsync(issuer, uri, BitstringStatusPurposes.Message, statusSize: 2);
        Assert.True(list.TryGetStatus(entry.StatusListIndex, out var value));
        Assert.Equal("expired", entry.MessageFor(value));
    }

    [Fact]
    public async Task StatusListCredential_HasTheShapeOfSection2_2()
    {
        var issuer = await CreateAsync();

        var credential = await issuer.CreateStatusListCredentialAsync(s_revocation, "did:web:issuer.example.jp", BitstringStatusPurposes.Revocation,
            validUntil: s_now.AddDays(2), timeToLive: TimeSpan.FromHours(1));

        Assert.Equal("https://www.w3.org/ns/credentials/v2", credential["@context"]![0]!.GetValue<string>());
        Assert.Equal(s_revocation.OriginalString, credential["id"]!.GetValue<string>());
        Assert.Contains("BitstringStatusListCredential", credential["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("2026-04-01T09:00:00Z", credential["validFrom"]!.GetValue<string>());
        Assert.Equal("2026-04-03T09:00:00Z", credential["validUntil"]!.GetValue<string>());
        var subject = credential["credentialSubject"]!;
        Assert.Equal("BitstringStatusList", subject["type"]!.GetValue<string>());
        Assert.Equal(3_600_000, subject["ttl"]!.GetValue<long>());
        var list = BitstringStatusList.Decode(subject["encodedList"]!.GetValue<string>()).Value;
        Assert.True(list.Length >= BitstringStatusList.MinimumEntries);
    }

    [Fact]
    public async Task StatusListCredential_ValidUntilNotAfterNow_Throws()
    {
        var issuer = await CreateAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => issuer.CreateStatusListCredentialAsync(s_revocation, "did:web:issuer.example.jp",
            BitstringStatusPurposes.Revocation, validUntil: s_now).AsTask());
    }

    [Fact]
    public async Task Published_IsServedBack()
    {
        var issuer = await CreateAsync();

        await issuer.SavePublishedAsync(s_revocation, "eyJ.secured.list");

        Assert.Equal("eyJ.secured.list", await issuer.GetPublishedAsync(s_revocation));
        Assert.Null(await issuer.GetPublishedAsync(new Uri("https://issuer.example.jp/status/none")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(16)]
    public async Task CreateList_WithASizeTheStoreCannotHold_Throws(int statusSize)
    {
        var issuer = new BitstringStatusListIssuer(new InMemoryStatusListStore());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => issuer.CreateListAsync(s_revocation, statusSize).AsTask());
    }

    private static async Task<BitstringStatusListIssuer> CreateAsync()
    {
        var issuer = new BitstringStatusListIssuer(new InMemoryStatusListStore(), TestClock.At(s_now));
        await issuer.CreateListAsync(s_revocation);
        await issuer.CreateListAsync(s_suspension);
        return issuer;
    }

    private static async Task<BitstringStatusList> ReadListAsync(BitstringStatusListIssuer issuer, Uri uri, string purpose, int statusSize = 1)
    {
        var credential = await issuer.CreateStatusListCredentialAsync(uri, "did:web:issuer.example.jp", purpose);
        var result = BitstringStatusList.Decode(credential["credentialSubject"]!["encodedList"]!.GetValue<string>(), statusSize);
        Assert.True(result.IsValid, result.Error?.ToString());
        return result.Value;
    }

    private static System.Text.Json.JsonElement Json(string text) => System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
}
