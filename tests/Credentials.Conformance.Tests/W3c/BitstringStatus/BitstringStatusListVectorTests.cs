using System.IO;
using System.Linq;
using System.Text.Json;
using Credentials.W3c.BitstringStatus;
using Xunit;

namespace Credentials.Conformance.Tests.W3c.BitstringStatus;

/// <summary>The examples of the Bitstring Status List v1.0 Recommendation (specs/vectors/bitstring-status-list).</summary>
public sealed class BitstringStatusListVectorTests
{
    private static readonly string s_folder = Path.Combine(System.AppContext.BaseDirectory, "vectors", "bitstring-status-list");

    [Theory]
    [InlineData("ex3-status-list-credential.json")]
    [InlineData("ex5-status-list-credential.unsigned.json")]
    [InlineData("ex5-status-list-credential.eddsa-rdfc-2022.json")]
    [InlineData("ex5-status-list-credential.ecdsa-rdfc-2019.json")]
    public void EncodedList_DecodesTo131072ZeroBits(string file)
    {
        var subject = Load(file).GetProperty("credentialSubject");

        var result = BitstringStatusList.Decode(subject.GetProperty("encodedList").GetString()!);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(16_384, result.Value.ByteLength);
        Assert.Equal(131_072, result.Value.Length);
        Assert.Equal("BitstringStatusList", subject.GetProperty("type").GetString());
        for (long i = 0; i < result.Value.Length; i++)
        {
            Assert.True(result.Value.TryGetStatus(i, out var status));
            Assert.Equal(0, status);
        }
    }

    [Fact]
    public void Example1_TwoEntries_ReadAsRevocationAndSuspension()
    {
        var entries = Load("ex1-credential-two-entries.json").GetProperty("credentialStatus").EnumerateArray()
            .Select(e => BitstringStatusListEntry.Read(e)).ToArray();

        Assert.All(entries, e => Assert.True(e.IsValid, e.Error?.ToString()));
        Assert.Equal(("revocation", 94567L, "https://example.com/credentials/status/3"),
            (entries[0].Value.StatusPurpose, entries[0].Value.StatusListIndex, entries[0].Value.StatusListCredential.OriginalString));
        Assert.Equal(("suspension", 23452L, "https://example.com/credentials/status/4"),
            (entries[1].Value.StatusPurpose, entries[1].Value.StatusListIndex, entries[1].Value.StatusListCredential.OriginalString));
    }

    [Theory]
    [InlineData("ex4-revocable-credential.unsigned.json", 1)]
    [InlineData("ex4-revocable-credential.eddsa-rdfc-2022.json", 1)]
    [InlineData("ex6-multiple-lists.json", 2)]
    [InlineData("ex7-multiple-entries-one-list.json", 2)]
    public void Examples_EveryEntryReads(string file, int count)
    {
        var status = Load(file).GetProperty("credentialStatus");
        var entries = status.ValueKind == JsonValueKind.Array ? status.EnumerateArray().ToArray() : [status];

        Assert.Equal(count, entries.Length);
        Assert.All(entries, e => Assert.True(BitstringStatusListEntry.Read(e).IsValid));
    }

    private static JsonElement Load(string file)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(s_folder, file))).RootElement.Clone();
}
