using System;
using System.Text;
using System.Text.Json.Nodes;

namespace Credentials.Interop.Tests.Mdoc;

/// <summary>
/// What the mdoc interop tests share: an mDL with a Japanese holder (romanised Latin-1 names, kanji in the
/// <c>*_national_character</c> elements, kana in a domestic namespace), the four elements presented, the OpenID4VP
/// request the DeviceResponse is bound to, and the tampering.
/// </summary>
internal static class MdocScenario
{
    public const string DocType = "org.iso.18013.5.1.mDL";
    public const string MdlNameSpace = "org.iso.18013.5.1";
    public const string DomesticNameSpace = "jp.example.mdl.1";
    public const string ClientId = "x509_san_dns:verifier.example";
    public const string Nonce = "n-0S6_WzA2Mj-mdoc";
    public const string ResponseUri = "https://verifier.example/response";

    /// <summary>A family name found nowhere else in a DeviceResponse, so that tampering can find its bytes.</summary>
    public const string FamilyName = "YAMADAQZX";

    /// <summary>The elements presented, in the mDL namespace.</summary>
    public static readonly string[] Disclosed = ["family_name", "given_name_national_character", "birth_date", "age_over_20"];

    /// <summary>Every issued element, as typed JSON (see <see cref="MdocJs"/>).</summary>
    public static JsonObject IssuedNameSpaces() => new()
    {
        [MdlNameSpace] = new JsonObject
        {
            ["family_name"] = FamilyName,
            ["given_name"] = "TARO",
            ["family_name_national_character"] = "山田",
            ["given_name_national_character"] = "太郎",
            ["birth_date"] = new JsonObject { ["$full-date"] = "1990-04-02" },
            ["issue_date"] = new JsonObject { ["$full-date"] = "2024-05-02" },
            ["expiry_date"] = new JsonObject { ["$full-date"] = "2029-05-02" },
            ["issuing_country"] = "JP",
            ["issuing_authority"] = "Tokyo Metropolitan Public Safety Commission",
            ["document_number"] = "300000000001",
            ["age_over_18"] = true,
            ["age_over_20"] = true,
            ["portrait"] = new JsonObject { ["$bstr"] = "ffd8ffe000104a464946" },
        },
        [DomesticNameSpace] = new JsonObject
        {
            ["family_name_kana"] = "ヤマダ",
        },
    };

    /// <summary>The request for <c>mdoc-issue.mjs</c>: issue <see cref="IssuedNameSpaces"/> and present <see cref="Disclosed"/>.</summary>
    public static JsonObject TheirIssuance(string nonce = Nonce) => new()
    {
        ["docType"] = DocType,
        ["country"] = "JP",
        ["nameSpaces"] = IssuedNameSpaces(),
        ["disclose"] = new JsonObject { [MdlNameSpace] = new JsonArray([.. Array.ConvertAll(Disclosed, d => (JsonNode)JsonValue.Create(d))]) },
        ["clientId"] = ClientId,
        ["nonce"] = nonce,
        ["responseUri"] = ResponseUri,
    };

    /// <summary>The disclosed elements as issued (typed JSON), to compare what a verifier returns with.</summary>
    public static JsonObject ExpectedDisclosed()
    {
        var all = IssuedNameSpaces()[MdlNameSpace]!.AsObject();
        var expected = new JsonObject();
        foreach (var id in Disclosed)
        {
            expected[id] = all[id]!.DeepClone();
        }

        return expected;
    }

    /// <summary>
    /// A copy of <paramref name="deviceResponse"/> with one byte changed inside the <c>family_name</c> IssuerSignedItem's
    /// value (the last letter of <see cref="FamilyName"/>): still well-formed CBOR, but no longer the digested bytes.
    /// </summary>
    public static byte[] TamperFamilyName(ReadOnlySpan<byte> deviceResponse)
    {
        var needle = Encoding.ASCII.GetBytes(FamilyName);
        var at = deviceResponse.IndexOf(needle);
        if (at < 0 || deviceResponse[(at + 1)..].IndexOf(needle) >= 0)
        {
            throw new InvalidOperationException("The family name must occur exactly once in the DeviceResponse.");
        }

        var copy = deviceResponse.ToArray();
        copy[at + needle.Length - 1] ^= 0x01; // 'X' -> 'Y'
        return copy;
    }
}
