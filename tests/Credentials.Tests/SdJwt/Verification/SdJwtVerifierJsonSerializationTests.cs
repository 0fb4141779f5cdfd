using System;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.SdJwt;
using Xunit;

namespace Credentials.Tests.SdJwt.Verification;

/// <summary>
/// RFC 9901 section 8.1, JWS JSON serialization: one signature unless the verifier's options allow more, every present
/// signature verified, and nothing in an unprotected header but disclosures and kb_jwt.
/// </summary>
public sealed class SdJwtVerifierJsonSerializationTests
{
    [Fact]
    public async Task Verify_GeneralSerializationWithValidAndGarbageSignature_FailsWithMultipleSignatures()
    {
        using var kit = new SdJwtTestKit(JwsAlgorithm.Es256);
        var json = await GeneralWithSecondSignatureAsync(kit, garbage: true);

        var result = await kit.VerifyAsync(json);

        Assert.Equal(SdJwtErrors.MultipleSignatures, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_GeneralSerializationWithTwoValidSignaturesByDefault_FailsWithMultipleSignatures()
    {
        using var kit = new SdJwtTestKit(JwsAlgorithm.Es256);
        var json = await GeneralWithSecondSignatureAsync(kit, garbage: false);

        var result = await kit.VerifyAsync(json);

        Assert.Equal(SdJwtErrors.MultipleSignatures, result.Error!.Code);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Verify_MultipleSignaturesAllowedAndOneGarbage_FailsWithInvalidSignature(bool garbageFirst)
    {
        using var kit = new SdJwtTestKit(JwsAlgorithm.Es256);
        var json = await GeneralWithSecondSignatureAsync(kit, garbage: true, garbageFirst: garbageFirst);

        var result = await kit.VerifyAsync(json, options: kit.Options() with { AllowMultipleSignatures = true });

        Assert.Equal(JoseErrors.InvalidSignature, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_MultipleSignaturesAllowedAndAllValid_Succeeds()
    {
        using var kit = new SdJwtTestKit(JwsAlgorithm.Es256);
        var json = await GeneralWithSecondSignatureAsync(kit, garbage: false);

        var result = await kit.VerifyAsync(json, options: kit.Options() with { AllowMultipleSignatures = true });

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task Verify_MultipleSignaturesAllowedAndSecondHasWrongTyp_FailsWithInvalidType()
    {
        using var kit = new SdJwtTestKit(JwsAlgorithm.Es256);
        var json = await GeneralWithSecondSignatureAsync(kit, garbage: false, secondType: "other+jwt");

        var result = await kit.VerifyAsync(json, options: kit.Options() with { AllowMultipleSignatures = true, AcceptedTypes = ["example+sd-jwt"] });

        Assert.Equal(JoseErrors.InvalidType, result.Error!.Code);
    }

    [Theory]
    [InlineData("kid", "\"issuer-key-1\"")]
    [InlineData("x5c", "[\"MIIB\"]")]
    [InlineData("jwk", "{}")]
    [InlineData("typ", "\"dc+sd-jwt\"")]
    [InlineData("other", "1")]
    public async Task Verify_FlattenedUnprotectedHeaderMember_FailsWithUnprotectedHeaderNotAllowed(string name, string value)
    {
        using var kit = new SdJwtTestKit();
        var json = JsonNode.Parse((await IssueAsync(kit)).ToFlattenedJson())!;
        json["header"]![name] = JsonNode.Parse(value);

        var result = await kit.VerifyAsync(json.ToJsonString());

        Assert.Equal(SdJwtErrors.UnprotectedHeaderNotAllowed, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_GeneralFirstSignatureUnprotectedKid_FailsWithUnprotectedHeaderNotAllowed()
    {
        using var kit = new SdJwtTestKit();
        var json = JsonNode.Parse((await IssueAsync(kit)).ToGeneralJson())!;
        json["signatures"]![0]!["header"]!["kid"] = "issuer-key-1";

        var result = await kit.VerifyAsync(json.ToJsonString());

        Assert.Equal(SdJwtErrors.UnprotectedHeaderNotAllowed, result.Error!.Code);
    }

    [Fact]
    public async Task Read_SecondSignatureWithUnprotectedKid_FailsWithUnprotectedHeaderNotAllowed()
    {
        using var kit = new SdJwtTestKit(JwsAlgorithm.Es256);
        var json = JsonNode.Parse(await GeneralWithSecondSignatureAsync(kit, garbage: false))!;
        json["signatures"]![1]!["header"] = new JsonObject { ["kid"] = "k2" };

        var result = SdJwtToken.Read(json.ToJsonString());

        Assert.Equal(SdJwtErrors.UnprotectedHeaderNotAllowed, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_FlattenedWithOnlyDisclosures_Succeeds()
    {
        using var kit = new SdJwtTestKit();

        var result = await kit.VerifyAsync((await IssueAsync(kit)).ToFlattenedJson());

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    private static async Task<SdJwtToken> IssueAsync(SdJwtTestKit kit)
        => await new SdJwtIssuer(kit.IssuerKey, new SdJwtIssuerOptions { Type = "example+sd-jwt" })
            .IssueAsync(SdJwtPayload.Create().Claim("iss", "https://issuer.example").Disclosable("given_name", "Taro"));

    private static async Task<string> GeneralWithSecondSignatureAsync(SdJwtTestKit kit, bool garbage, bool garbageFirst = false, string secondType = "example+sd-jwt")
    {
        var issued = await IssueAsync(kit);
        var json = JsonNode.Parse(issued.ToGeneralJson())!;
        var payload = Credentials.Internal.StrictBase64Url.TryDecode(json["payload"]!.GetValue<string>().AsSpan())!;
        var second = JwsWriter.SignCompact(kit.IssuerKey, payload, secondType).Split('.');
        var signature = garbage ? new string('A', second[2].Length - 2) + "AA" : second[2];
        var entry = new JsonObject { ["protected"] = second[0], ["signature"] = signature };
        var signatures = json["signatures"]!.AsArray();
        if (garbageFirst)
        {
            // The garbage signature first, carrying the disclosures; the valid one second.
            var first = signatures[0]!;
            entry["header"] = first["header"]!.DeepClone();
            first.AsObject().Remove("header");
            signatures.Insert(0, entry);
        }
        else
        {
            signatures.Add(entry);
        }

        return json.ToJsonString();
    }
}
