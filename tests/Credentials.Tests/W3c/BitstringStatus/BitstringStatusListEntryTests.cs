using System.Text.Json;
using Credentials.W3c.BitstringStatus;
using Xunit;

namespace Credentials.Tests.W3c.BitstringStatus;

/// <summary>Bitstring Status List v1.0 section 2.1: every MUST of a <c>BitstringStatusListEntry</c>, read from untrusted JSON.</summary>
public sealed class BitstringStatusListEntryTests
{
    private const string Valid = """
        {"id":"https://example.com/credentials/status/3#94567","type":"BitstringStatusListEntry","statusPurpose":"revocation",
         "statusListIndex":"94567","statusListCredential":"https://example.com/credentials/status/3"}
        """;

    [Fact]
    public void Read_ValidEntry_KeepsEveryMember()
    {
        var entry = Read(Valid);

        Assert.Equal("revocation", entry.StatusPurpose);
        Assert.Equal(94567, entry.StatusListIndex);
        Assert.Equal("https://example.com/credentials/status/3", entry.StatusListCredential.OriginalString);
        Assert.Equal(1, entry.StatusSize);
        Assert.Equal("set", entry.MessageFor(1));
        Assert.Equal("unset", entry.MessageFor(0));
    }

    [Fact]
    public void Read_MessageEntry_ReadsItsMessages()
    {
        var entry = Read("""
            {"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"7","statusSize":2,
             "statusListCredential":"https://example.com/status/8",
             "statusMessage":[{"status":"0x0","message":"pending_review"},{"status":"0x1","message":"accepted"},
                              {"status":"0x2","message":"rejected"},{"status":"0x3","message":"undefined"}],
             "statusReference":"https://example.org/status-dictionary/"}
            """);

        Assert.Equal(2, entry.StatusSize);
        Assert.Equal("rejected", entry.MessageFor(2));
        Assert.Single(entry.StatusReferences);
    }

    [Fact]
    public void ToJsonObject_ThenRead_RoundTrips()
    {
        var entry = Read(Valid);

        var again = Read(entry.ToJsonObject().ToJsonString());

        Assert.Equal(entry.StatusListIndex, again.StatusListIndex);
        Assert.Equal(entry.Id, again.Id);
        Assert.Equal(entry.StatusListCredential, again.StatusListCredential);
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{"type":"StatusList2021Entry","statusPurpose":"revocation","statusListIndex":"1","statusListCredential":"https://e.example/s"}""")]
    [InlineData("""{"statusPurpose":"revocation","statusListIndex":"1","statusListCredential":"https://e.example/s"}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusListIndex":"1","statusListCredential":"https://e.example/s"}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"","statusListIndex":"1","statusListCredential":"https://e.example/s"}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":1,"statusListCredential":"https://e.example/s"}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"-1","statusListCredential":"https://e.example/s"}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1e3","statusListCredential":"https://e.example/s"}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"","statusListCredential":"https://e.example/s"}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1","statusListCredential":"/relative"}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1"}""")]
    [InlineData("""{"id":"https://e.example/s","type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1","statusListCredential":"https://e.example/s"}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1","statusListCredential":"https://e.example/s","statusSize":0}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1","statusListCredential":"https://e.example/s","statusSize":"1"}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"1","statusListCredential":"https://e.example/s","statusSize":2}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"1","statusListCredential":"https://e.example/s","statusSize":2,"statusMessage":[{"status":"0x0","message":"a"},{"status":"0x1","message":"b"}]}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"1","statusListCredential":"https://e.example/s","statusMessage":[{"status":"0","message":"a"},{"status":"0x1","message":"b"}]}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"1","statusListCredential":"https://e.example/s","statusMessage":[{"status":"0x0"},{"status":"0x1","message":"b"}]}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"1","statusListCredential":"https://e.example/s","statusMessage":[{"status":"0x0","message":"a"},{"status":"0x2","message":"b"}]}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1","statusListCredential":"https://e.example/s","statusReference":["not a url"]}""")]
    [InlineData("""{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1","statusListCredential":"https://e.example/s","statusReference":5}""")]
    public void Read_EntryBreakingAMust_IsMalformed(string json)
    {
        var result = BitstringStatusListEntry.Read(Parse(json));

        Assert.False(result.IsValid);
        Assert.Equal(BitstringStatusErrors.MalformedEntry, result.Error.Code);
    }

    [Fact]
    public void Read_IndexBeyondAnyList_IsOutOfRange()
    {
        var result = BitstringStatusListEntry.Read(Parse("""
            {"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"123456789012345678901234567890",
             "statusListCredential":"https://e.example/s"}
            """));

        Assert.False(result.IsValid);
        Assert.Equal(BitstringStatusErrors.IndexOutOfRange, result.Error.Code);
    }

    [Fact]
    public void Read_TypeArrayNamingTheEntryType_IsAccepted()
    {
        var entry = Read("""
            {"type":["BitstringStatusListEntry"],"statusPurpose":"suspension","statusListIndex":"0","statusListCredential":"https://e.example/s"}
            """);

        Assert.Equal(0, entry.StatusListIndex);
    }

    private static BitstringStatusListEntry Read(string json)
    {
        var result = BitstringStatusListEntry.Read(Parse(json));
        Assert.True(result.IsValid, result.Error?.ToString());
        return result.Value;
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
