using System.Text.Json;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Xunit;

namespace Credentials.Conformance.Tests.Dids;

public class DidJwkVectorTests
{
    public static TheoryData<string> VectorNames()
    {
        var data = new TheoryData<string>();
        foreach (var vector in DidVectors.Load("did-jwk/did_jwk_vectors.json").GetProperty("vectors").EnumerateArray())
        {
            data.Add(vector.GetProperty("name").GetString()!);
        }

        return data;
    }

    private static JsonElement Vector(string name)
    {
        foreach (var vector in DidVectors.Load("did-jwk/did_jwk_vectors.json").GetProperty("vectors").EnumerateArray())
        {
            if (vector.GetProperty("name").GetString() == name)
            {
                return vector;
            }
        }

        throw new Xunit.Sdk.XunitException("No vector " + name);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void CreateFromJson_VectorJwkText_ReturnsExactDid(string name)
    {
        var vector = Vector(name);

        var did = DidJwk.CreateFromJson(vector.GetProperty("decoded_jwk_utf8").GetString()!);

        Assert.Equal(vector.GetProperty("did").GetString(), did.Value);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void GetPublicKey_VectorDid_ReturnsVectorJwk(string name)
    {
        var vector = Vector(name);
        var expected = Jwk.Read(vector.GetProperty("jwk")).Value;

        var jwk = DidJwk.GetPublicKey(Did.Parse(vector.GetProperty("did").GetString()!));

        Assert.True(jwk.IsValid, jwk.Error?.ToString());
        Assert.Equal(expected, jwk.Value);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Resolve_VectorDid_EqualsCorrectedDocument(string name)
    {
        var vector = Vector(name);

        var document = DidJwk.Resolve(Did.Parse(vector.GetProperty("did").GetString()!));

        Assert.True(document.IsValid, document.Error?.ToString());
        using var actual = JsonDocument.Parse(document.Value.ToJson());
        Assert.True(DidVectors.JsonEquals(vector.GetProperty("did_document_corrected"), actual.RootElement), document.Value.ToJson());
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Resolve_VectorDidUrl_DereferencesToKeyZero(string name)
    {
        var vector = Vector(name);
        var url = DidUrl.Parse(vector.GetProperty("did_url").GetString()!);

        var document = DidJwk.Resolve(url.Did).Value;
        var method = document.FindVerificationMethod(url);

        Assert.True(method.IsValid);
        Assert.Equal(url.Value, method.Value.Id);
        Assert.Equal("0", url.Fragment);
    }

    [Fact]
    public void Resolve_PublishedP256Document_DiffersOnlyByErratum()
    {
        var vector = Vector("P-256");
        using var actual = JsonDocument.Parse(DidJwk.Resolve(Did.Parse(vector.GetProperty("did").GetString()!)).Value.ToJson());

        Assert.False(DidVectors.JsonEquals(vector.GetProperty("did_document_as_published"), actual.RootElement));
    }
}
