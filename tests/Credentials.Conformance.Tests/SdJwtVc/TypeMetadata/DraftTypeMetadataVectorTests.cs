using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.SdJwt;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Xunit;
using Metadata = Credentials.SdJwtVc.TypeMetadata.TypeMetadataDocument;

namespace Credentials.Conformance.Tests.SdJwtVc.TypeMetadata;

/// <summary>
/// The Type Metadata examples of draft-ietf-oauth-sd-jwt-vc (specs/vectors/sd-jwt-vc/draft, see its README):
/// section 4.1/5.1 (extends), 4.6.5.2/5.6.5.2 (extending claim metadata and its effective result), A.2 (full example),
/// 4.6.1.1/5.6.1.1 (claim path processing).
/// </summary>
public sealed class DraftTypeMetadataVectorTests
{
    private static JsonElement Block(string file, int index)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "vectors", "sd-jwt-vc", "draft", file);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("blocks")[index].GetProperty("value").Clone();
    }

    private static byte[] Bytes(JsonElement element) => Encoding.UTF8.GetBytes(element.GetRawText());

    private static Metadata Parse(JsonElement element)
    {
        var result = Metadata.Read(Bytes(element));
        Assert.True(result.IsValid, result.Error?.ToString());
        return result.Value;
    }

    [Fact]
    public void Section_4_1_TypeMetadataExample_Parses()
    {
        var metadata = Parse(Block("section_4_1.json", 0));

        Assert.Equal("https://betelgeuse.example.com/education_credential/v42", metadata.Vct);
        Assert.Equal("Betelgeuse Education Credential - Version 42", metadata.Name);
        Assert.Equal("https://galaxy.example.com/galactic-education-credential/v2", metadata.Extends);
        Assert.Equal("sha256-ilOUJsTultOwLfz7QUcFALaRa3BP/jelX1ds04kB9yU=", metadata.ExtendsIntegrity);
        Assert.True(SubresourceIntegrity.IsSupported(metadata.ExtendsIntegrity));
    }

    [Fact]
    public void Section_A_2_FullExample_Parses()
    {
        var metadata = Parse(Block("section_A_2.json", 1));

        Assert.Equal(2, metadata.Display.Length);
        var en = metadata.Display.Single(d => d.Locale == "en-US");
        Assert.Equal("Betelgeuse Education Credential", en.Name);
        Assert.Equal("#12107c", en.Rendering!.Simple!.BackgroundColor);
        Assert.Equal("sha256-LmXfh+9cLlJNXN+TsMk+PmKjZ5t0WRL5ca/xGgX3c1U=", en.Rendering.Simple.Logo!.UriIntegrity);
        Assert.Equal("Betelgeuse Ministry of Education logo", en.Rendering.Simple.Logo.AltText);
        Assert.NotNull(en.Rendering.Simple.BackgroundImage);
        var template = Assert.Single(en.Rendering.SvgTemplates);
        Assert.Equal("landscape", template.Properties!.Orientation);
        Assert.Equal("high", template.Properties.Contrast);

        Assert.Equal(7, metadata.Claims.Length);
        var name = metadata.Claims[0];
        Assert.Equal(ClaimPath.Of("name"), name.Path);
        Assert.True(name.Mandatory);
        Assert.Equal(ClaimSelectiveDisclosure.Always, name.Sd);
        Assert.Equal("Vor- und Nachname", name.Display.Single(d => d.Locale == "de-DE").Label);
        Assert.Equal("address_street_address", metadata.Claims[2].SvgId);
        Assert.Equal(ClaimPath.Create("degrees", null), metadata.Claims[4].Path);
        Assert.Empty(metadata.Claims[4].Display);
        Assert.Equal(ClaimSelectiveDisclosure.Never, metadata.Claims[5].Sd);
    }

    [Fact]
    public void Section_A_2_WrittenAndReadAgain_IsUnchanged()
    {
        var metadata = Parse(Block("section_A_2.json", 1));

        var again = Metadata.Read(metadata.ToUtf8Json()).Value;

        Assert.Equal(metadata.ToJson(), again.ToJson());
        using var original = JsonDocument.Parse(Block("section_A_2.json", 1).GetRawText());
        using var written = JsonDocument.Parse(metadata.ToUtf8Json());
        Assert.True(JsonElement.DeepEquals(original.RootElement, written.RootElement));
    }

    [Fact]
    public void Section_A_2_ValidatesExampleCredentialAsIssuer()
    {
        // Figure 29's payload issued as the metadata demands: name, address (and street_address), each degree
        // element and date_awarded selectively disclosable; degrees and field_of_study plaintext.
        var metadata = ResolvedTypeMetadata.Create([Parse(Block("section_A_2.json", 1)) with { Extends = null, ExtendsIntegrity = null }]).Value;
        var payload = Block("section_A_2.json", 0);
        ClaimPath[] disclosable =
        [
            ClaimPath.Of("name"), ClaimPath.Of("address"), ClaimPath.Of("address", "street_address"),
            ClaimPath.Create("degrees", 0), ClaimPath.Create("degrees", 1), ClaimPath.Create("degrees", 2),
            ClaimPath.Create("degrees", 0, "date_awarded"), ClaimPath.Create("degrees", 1, "date_awarded"), ClaimPath.Create("degrees", 2, "date_awarded"),
        ];

        Assert.Null(TypeMetadataValidator.ValidateComplete(metadata, payload, disclosable));
        Assert.Equal(TypeMetadataErrors.SdViolation, TypeMetadataValidator.ValidateComplete(metadata, payload, disclosable[1..])!.Code);
        Assert.Equal(TypeMetadataErrors.SdViolation, TypeMetadataValidator.ValidateComplete(metadata, payload, [.. disclosable, ClaimPath.Of("degrees")])!.Code);
    }

    [Fact]
    public async Task Section_4_6_5_2_ExtendingClaimMetadata_GivesEffectiveClaims()
    {
        var baseDocument = Block("section_4_6_5_2.json", 0);
        var childDocument = Block("section_4_6_5_2.json", 1);
        var expected = Block("section_4_6_5_2.json", 2);
        var registry = new LocalTypeMetadataRegistry(
        [
            KeyValuePair.Create("https://example.com/base-type-metadata", (ReadOnlyMemory<byte>)Bytes(baseDocument)),
            KeyValuePair.Create("https://example.com/custom-type-metadata", (ReadOnlyMemory<byte>)Bytes(childDocument)),
        ]);

        var resolved = await registry.ResolveAsync("https://example.com/custom-type-metadata", SubresourceIntegrity.Compute(Bytes(childDocument)));

        Assert.True(resolved.IsValid, resolved.Error?.ToString());
        var effective = new Metadata { Vct = "effective", Claims = resolved.Value.Claims };
        using var written = JsonDocument.Parse(effective.ToUtf8Json());
        Assert.True(JsonElement.DeepEquals(expected.GetProperty("claims"), written.RootElement.GetProperty("claims")));
        Assert.Equal("Town", resolved.Value.GetClaimLabel(ClaimPath.Of("address", "city"), "en"));
        Assert.Equal("Full Name", resolved.Value.GetClaimLabel(ClaimPath.Of("name"), "en-US"));
    }

    [Fact]
    public void Section_4_6_1_1_ClaimPathExamples_SelectTheDraftsClaims()
    {
        var credential = Block("section_4_6_1_1.json", 0);
        var metadata = ResolvedTypeMetadata.Create([Parse(JsonDocument.Parse("""
            {"vct":"https://betelgeuse.example.com/education_credential/v42","claims":[
              {"path":["name"],"display":[{"locale":"en","label":"Name"}]},
              {"path":["address"],"display":[{"locale":"en","label":"Address"}]},
              {"path":["address","street_address"],"display":[{"locale":"en","label":"Street"}]},
              {"path":["degrees",null,"type"],"display":[{"locale":"en","label":"Type"}]}]}
            """).RootElement)]).Value;

        var labeled = ClaimLabeler.Label(metadata, credential, "en");

        Assert.Contains(labeled, c => c.Label == "Name" && c.Value.GetString() == "Arthur Dent");
        Assert.Contains(labeled, c => c.Label == "Street" && c.Value.GetString() == "42 Market Street");
        Assert.Equal(["Bachelor of Science", "Master of Science"], labeled.Where(c => c.Label == "Type").Select(c => c.Value.GetString()));
        Assert.Null(TypeMetadataValidator.Validate(metadata, credential, []));
    }
}
