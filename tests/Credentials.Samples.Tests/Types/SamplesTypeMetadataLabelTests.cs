using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Credentials.SdJwtVc.TypeMetadata;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Samples.Tests.Types;

/// <summary>Every claim a sample credential carries has a label in Japanese and English in its type metadata, so consent screens never show a raw path.</summary>
public sealed class SamplesTypeMetadataLabelTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 10, 1, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public void IpaExam_EveryClaimOfTheSampleHasJapaneseAndEnglishLabels()
    {
        var type = CredentialTypes.IpaExam;
        var prepared = type.Prepare(type.GetSampleClaims(), _clock.GetUtcNow());
        var unlabelled = new List<string>();
        foreach (var path in Paths(prepared.Claims, null))
        {
            var display = type.Metadata.FindClaim(path)?.Display ?? [];
            foreach (var locale in new[] { "ja-JP", "en-US" })
            {
                if (!display.Any(d => d.Locale == locale && !string.IsNullOrEmpty(d.Label)))
                {
                    unlabelled.Add($"{path} ({locale})");
                }
            }
        }

        Assert.Empty(unlabelled);
    }

    [Fact]
    public void IpaExam_AchievementId_IsLabelledAndNeverSelectivelyDisclosed()
    {
        var claim = CredentialTypes.IpaExam.Metadata.FindClaim(ClaimPath.Of("exam", "achievement_id"));

        Assert.NotNull(claim);
        Assert.Equal(ClaimSelectiveDisclosure.Never, claim.Sd);
        Assert.Equal("達成内容の ID", claim.Display.Single(d => d.Locale == "ja-JP").Label);
        Assert.Equal("Achievement ID", claim.Display.Single(d => d.Locale == "en-US").Label);
    }

    private static IEnumerable<ClaimPath> Paths(JsonObject claims, ClaimPath? prefix)
    {
        foreach (var (name, value) in claims)
        {
            var path = prefix is null ? ClaimPath.Of(name) : prefix.Append(name);
            yield return path;
            if (value is JsonObject nested)
            {
                foreach (var inner in Paths(nested, path))
                {
                    yield return inner;
                }
            }
        }
    }
}
