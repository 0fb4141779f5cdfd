using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.SdJwt;

namespace Credentials.Tests.Dcql.Matching;

internal static class DcqlTestCandidates
{
    public const string IdentityVct = "https://credentials.example.com/identity_credential";
    public const string AgeVct = "https://credentials.example.jp/vct/age/v1";

    public static JsonElement ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static DcqlQuery Query(string json) => DcqlQuery.Read(json).GetValueOrThrow();

    /// <summary>An SD-JWT VC candidate whose listed top-level claims (or paths) are selectively disclosable.</summary>
    public static DcqlCandidate SdJwtCandidate(string id, string vct, string claims, params ClaimPath[] disclosable) => new()
    {
        Id = id,
        Format = DcqlFormats.SdJwtVc,
        Vct = vct,
        Claims = ParseJson(claims),
        SelectivelyDisclosable = [.. disclosable],
        SupportsCryptographicHolderBinding = true,
    };

    /// <summary>An SD-JWT VC candidate where every top-level claim except <c>vct</c> is selectively disclosable.</summary>
    public static DcqlCandidate SdJwtCandidateAllDisclosable(string id, string vct, string claims)
    {
        var element = ParseJson(claims);
        return SdJwtCandidate(id, vct, claims, [.. element.EnumerateObject().Where(p => p.Name != "vct").Select(p => ClaimPath.Of(p.Name))]);
    }

    public static DcqlCandidate MdocCandidate(string id, string doctype, string nameSpaces) => new()
    {
        Id = id,
        Format = DcqlFormats.MsoMdoc,
        Doctype = doctype,
        Claims = ParseJson(nameSpaces),
        SupportsCryptographicHolderBinding = true,
    };

    public static string[] Paths(ImmutableArray<ClaimPath> paths) => [.. paths.Select(p => p.ToString())];
}
