using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Status;
using Credentials.Testing;
using Credentials.Trust;
using Xunit;

namespace Credentials.Conformance.Tests.Status;

/// <summary>draft-ietf-oauth-status-list-20 Appendix C, the section 4.1 examples and the section 5.1 Status List Token.</summary>
public sealed class StatusListVectorTests
{
    private static readonly JsonElement s_vectors = Load("status_list_encoding_vectors.json");

    public static TheoryData<string> AppendixVectors()
    {
        var data = new TheoryData<string>();
        foreach (var vector in s_vectors.GetProperty("vectors").EnumerateArray())
        {
            data.Add(vector.GetProperty("name").GetString()!);
        }

        return data;
    }

    public static TheoryData<string> SmallExamples()
    {
        var data = new TheoryData<string>();
        foreach (var example in s_vectors.GetProperty("small_examples").EnumerateArray())
        {
            data.Add(example.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AppendixVectors))]
    public void Decode_AppendixCVector_EveryIndexHasTheListedStatus(string name)
    {
        var vector = Find("vectors", name);
        var bits = vector.GetProperty("bits").GetInt32();
        var expected = ExpectedStatuses(vector);

        var list = StatusList.Decode(vector.GetProperty("json").GetProperty("lst").GetString()!, vector.GetProperty("json").GetProperty("bits").GetInt32());

        Assert.True(list.IsValid, list.Error?.ToString());
        Assert.Equal(bits, list.Value.Bits);
        Assert.Equal(s_vectors.GetProperty("size_entries").GetInt64(), list.Value.Count);
        Assert.Equal(vector.GetProperty("decompressed_length_bytes").GetInt32(), list.Value.Bytes.Length);
        var mismatches = 0;
        for (long i = 0; i < list.Value.Count; i++)
        {
            var want = expected.TryGetValue(i, out var v) ? v : (byte)0;
            if (list.Value.Get(i).Value != want)
            {
                mismatches++;
            }
        }

        Assert.Equal(0, mismatches);
    }

    [Theory]
    [MemberData(nameof(AppendixVectors))]
    public void Encode_AppendixCStatuses_DecodesToTheVectorsByteArray(string name)
    {
        var vector = Find("vectors", name);
        var bits = vector.GetProperty("bits").GetInt32();
        var builder = new StatusListBuilder(bits, s_vectors.GetProperty("size_entries").GetInt64());
        foreach (var (index, value) in ExpectedStatuses(vector))
        {
            builder.Set(index, new StatusValue(value));
        }

        var ours = StatusList.Decode(builder.Encode(), bits).Value;
        var theirs = StatusList.Decode(vector.GetProperty("json").GetProperty("lst").GetString()!, bits).Value;

        Assert.True(ours.Bytes.SequenceEqual(theirs.Bytes));
    }

    [Theory]
    [MemberData(nameof(SmallExamples))]
    public void Decode_Section4Example_BytesAndStatusesMatch(string name)
    {
        var example = Find("small_examples", name);
        var bits = example.GetProperty("bits").GetInt32();

        var list = StatusList.Decode(example.GetProperty("json").GetProperty("lst").GetString()!, bits);

        Assert.True(list.IsValid);
        Assert.Equal(Convert.FromHexString(example.GetProperty("byte_array_hex").GetString()!), list.Value.Bytes.ToArray());
        var statuses = example.GetProperty("statuses_by_index").EnumerateArray().Select(e => (byte)e.GetInt32()).ToArray();
        for (var i = 0; i < statuses.Length; i++)
        {
            Assert.Equal(statuses[i], list.Value.Get(i).Value);
        }
    }

    [Theory]
    [MemberData(nameof(SmallExamples))]
    public void Encode_Section4Example_RoundTripsToTheSameBytes(string name)
    {
        var example = Find("small_examples", name);
        var bits = example.GetProperty("bits").GetInt32();
        var bytes = Convert.FromHexString(example.GetProperty("byte_array_hex").GetString()!);

        var encoded = StatusList.FromBytes(bits, bytes).Encode();

        Assert.Equal(bytes, StatusList.Decode(encoded, bits).Value.Bytes.ToArray());
    }

    [Fact]
    public async Task VerifyAsync_DraftStatusListToken_VerifiesWithTheGeneratorKey()
    {
        var verifier = new StatusListTokenVerifier(new StaticIssuerKeyResolver(PublicKey()), new StatusListTokenVerifierOptions { TimeProvider = TestClock.At(DateTimeOffset.FromUnixTimeSeconds(1686920170 + 60)) });

        var result = await verifier.VerifyAsync(SpecToken(), "https://example.com/statuslists/1");

        Assert.True(result.IsValid, result.Error?.ToString());
        var token = result.Value;
        Assert.Equal("https://example.com/statuslists/1", token.Subject);
        Assert.Equal("https://example.com", token.Issuer);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1686920170), token.IssuedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(2291720170), token.ExpiresAt);
        Assert.Equal(TimeSpan.FromSeconds(43200), token.TimeToLive);
        Assert.Equal(1, token.StatusList.Bits);
        Assert.Equal(Convert.FromHexString("b9a3"), token.StatusList.Bytes.ToArray());
    }

    [Fact]
    public async Task VerifyAsync_DraftStatusListTokenForAnotherUri_FailsWithSubjectMismatch()
    {
        var verifier = new StatusListTokenVerifier(new StaticIssuerKeyResolver(PublicKey()), new StatusListTokenVerifierOptions { TimeProvider = TestClock.At(DateTimeOffset.FromUnixTimeSeconds(1686920170 + 60)) });

        var result = await verifier.VerifyAsync(SpecToken(), "https://example.com/statuslists/2");

        Assert.Equal(StatusErrors.SubjectMismatch, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_DraftStatusListTokenWithOtherKey_FailsWithInvalidSignature()
    {
        using var other = SigningKey.Create(JwsAlgorithm.Es256);
        var verifier = new StatusListTokenVerifier(new StaticIssuerKeyResolver(other.PublicJwk), new StatusListTokenVerifierOptions { TimeProvider = TestClock.At(DateTimeOffset.FromUnixTimeSeconds(1686920170 + 60)) });

        var result = await verifier.VerifyAsync(SpecToken(), "https://example.com/statuslists/1");

        Assert.Equal(StatusErrors.InvalidSignature, result.Error?.Code);
    }

    private static Jwk PublicKey() => Jwk.Parse(File.ReadAllText(VectorPath("example_key_private.jwk.json"))).ToPublic();

    private static string SpecToken() => string.Concat(File.ReadAllLines(VectorPath("status_list_jwt_raw.md")).Select(l => l.Trim()));

    private static Dictionary<long, byte> ExpectedStatuses(JsonElement vector)
        => vector.GetProperty("statuses").EnumerateObject().ToDictionary(p => long.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => (byte)p.Value.GetInt32());

    private static JsonElement Find(string array, string name)
        => s_vectors.GetProperty(array).EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    private static string VectorPath(string file) => Path.Combine(AppContext.BaseDirectory, "vectors", "status-list", file);

    private static JsonElement Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorPath(file)));
        return document.RootElement.Clone();
    }

}
