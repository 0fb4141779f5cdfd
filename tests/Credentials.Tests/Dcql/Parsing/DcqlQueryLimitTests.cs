using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Credentials.Dcql;
using Xunit;

namespace Credentials.Tests.Dcql.Parsing;

public class DcqlQueryLimitTests
{
    private static string Query(int credentials = 1, int claims = 1, int pathLength = 1, int values = 1, int vcts = 1)
    {
        var claimList = string.Join(",", Enumerable.Range(0, claims).Select(i =>
            $$"""{"path":[{{string.Join(",", Enumerable.Range(0, pathLength).Select(j => $"\"c{i}_{j}\""))}}],"values":[{{string.Join(",", Enumerable.Range(0, values))}}]}"""));
        var vctList = string.Join(",", Enumerable.Range(0, vcts).Select(i => $"\"urn:t:{i}\""));
        var list = string.Join(",", Enumerable.Range(0, credentials).Select(i =>
            $$"""{"id":"q{{i}}","format":"dc+sd-jwt","meta":{"vct_values":[{{vctList}}]},"claims":[{{claimList}}]}"""));
        return $$"""{"credentials":[{{list}}]}""";
    }

    public static TheoryData<string, string> Cases() => new()
    {
        { "credentials", Query(credentials: 3) },
        { "claims", Query(claims: 3) },
        { "path", Query(pathLength: 3) },
        { "values", Query(values: 3) },
        { "vct_values", Query(vcts: 3) },
    };

    private static readonly DcqlReaderOptions Small = new()
    {
        MaxCredentialQueries = 2,
        MaxClaimsPerCredentialQuery = 2,
        MaxPathLength = 2,
        MaxArrayLength = 2,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_OverCountLimit_IsTooLarge(string what, string json)
    {
        var result = DcqlQuery.Read(json, Small);

        Assert.False(result.IsValid, what);
        Assert.Equal(DcqlErrors.TooLarge, result.Error.Code);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_AtDefaultLimits_IsAccepted(string what, string json)
    {
        Assert.True(DcqlQuery.Read(json).IsValid, what);
    }

    [Fact]
    public void Parse_AtEveryCountLimit_IsAccepted()
    {
        Assert.True(DcqlQuery.Read(Query(2, 2, 2, 2, 2), Small).IsValid);
    }

    [Fact]
    public void Parse_OverSizeLimit_IsTooLargeForTextAndBytes()
    {
        var json = Query(claims: 50);
        var options = new DcqlReaderOptions { MaxBytes = json.Length - 1 };

        Assert.Equal(DcqlErrors.TooLarge, DcqlQuery.Read(json, options).Error!.Code);
        Assert.Equal(DcqlErrors.TooLarge, DcqlQuery.Read(Encoding.UTF8.GetBytes(json).AsMemory(), options).Error!.Code);
        Assert.True(DcqlQuery.Read(json, new DcqlReaderOptions { MaxBytes = json.Length }).IsValid);
    }

    [Fact]
    public void Parse_MultiByteTextOverByteLimit_IsTooLarge()
    {
        var json = """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["年齢確認"]}}]}""";
        var bytes = Encoding.UTF8.GetByteCount(json);

        Assert.Equal(DcqlErrors.TooLarge, DcqlQuery.Read(json, new DcqlReaderOptions { MaxBytes = bytes - 1 }).Error!.Code);
        Assert.True(DcqlQuery.Read(json, new DcqlReaderOptions { MaxBytes = bytes }).IsValid);
    }

    [Fact]
    public void Parse_DeeplyNestedExtension_IsTooLarge()
    {
        var nested = new string('[', 40) + new string(']', 40);
        var json = """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"],"ext":""" + nested + "}}]}";

        Assert.Equal(DcqlErrors.TooLarge, DcqlQuery.Read(json).Error!.Code);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        Assert.Equal(DcqlErrors.TooLarge, DcqlQuery.FromJson(document.RootElement).Error!.Code);
    }

    [Fact]
    public void Parse_NestingWithinDepthLimit_IsAccepted()
    {
        var nested = new string('[', 8) + new string(']', 8);
        var json = """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"],"ext":""" + nested + "}}]}";

        Assert.True(DcqlQuery.Read(json).IsValid);
    }

    [Fact]
    public void Parse_TruncatedDeepJson_IsMalformedNotTooLarge()
    {
        Assert.Equal(DcqlErrors.Malformed, DcqlQuery.Read(new string('[', 40)).Error!.Code);
    }

    [Fact]
    public void Parse_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DcqlQuery.Read("{}", new DcqlReaderOptions { MaxBytes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => DcqlQuery.Read("{}", new DcqlReaderOptions { MaxDepth = 5 }));
        Assert.Throws<ArgumentNullException>(() => DcqlQuery.Read((string)null!));
    }
}
