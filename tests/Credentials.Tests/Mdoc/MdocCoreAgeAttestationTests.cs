using System;
using System.Collections.Generic;
using Credentials.Mdoc;
using Xunit;

namespace Credentials.Tests.Mdoc;

/// <summary>ISO/IEC 18013-5 §7.2.5: the nearest age_over_XX at or above NN that is true, else below NN that is false.</summary>
public sealed class MdocCoreAgeAttestationTests
{
    private static Dictionary<string, MdocValue> Elements(params (string Id, bool Value)[] items)
    {
        var result = new Dictionary<string, MdocValue>();
        foreach (var (id, value) in items)
        {
            result[id] = MdocValue.FromBoolean(value);
        }

        return result;
    }

    [Theory]
    [InlineData(20, MdocAgeOutcome.Over, "age_over_20", "age_over_18:true", "age_over_20:true")]
    [InlineData(20, MdocAgeOutcome.CannotAnswer, null, "age_over_18:true", "age_over_21:false")]
    [InlineData(18, MdocAgeOutcome.Over, "age_over_21", "age_over_21:true")]
    [InlineData(20, MdocAgeOutcome.NotOver, "age_over_18", "age_over_18:false")]
    [InlineData(20, MdocAgeOutcome.NotOver, "age_over_20", "age_over_20:false", "age_over_21:false")]
    [InlineData(20, MdocAgeOutcome.Over, "age_over_21", "age_over_18:true", "age_over_65:true", "age_over_21:true")]
    [InlineData(20, MdocAgeOutcome.NotOver, "age_over_18", "age_over_16:false", "age_over_18:false")]
    [InlineData(20, MdocAgeOutcome.CannotAnswer, null, "age_over_18:true", "age_over_16:true")]
    [InlineData(20, MdocAgeOutcome.CannotAnswer, null)]
    public void Resolve_FollowsTheNearestAttestationRule(int nn, MdocAgeOutcome outcome, string? element, params string[] attestations)
    {
        var items = new List<(string, bool)>();
        foreach (var a in attestations)
        {
            var parts = a.Split(':');
            items.Add((parts[0], bool.Parse(parts[1])));
        }

        var answer = MdocAgeAttestation.Resolve(Elements([.. items]), nn);

        Assert.Equal(outcome, answer.Outcome);
        Assert.Equal(element, answer.ElementIdentifier);
        var available = new Dictionary<string, bool>();
        foreach (var (id, value) in items)
        {
            available[id] = value;
        }

        Assert.Equal(element, MdocAgeAttestation.SelectElement(available, nn));
    }

    [Fact]
    public void Resolve_IgnoresMalformedIdentifiersAndNonBooleanValues()
    {
        var elements = new Dictionary<string, MdocValue>
        {
            ["age_over_2"] = MdocValue.FromBoolean(true),
            ["age_over_200"] = MdocValue.FromBoolean(true),
            ["age_over_2x"] = MdocValue.FromBoolean(true),
            ["age_over_21"] = MdocValue.FromText("true"),
            ["family_name"] = MdocValue.FromText("YAMADA"),
        };

        var answer = MdocAgeAttestation.Resolve(elements, 20);

        Assert.Equal(MdocAgeOutcome.CannotAnswer, answer.Outcome);
        Assert.Null(answer.IsOver);
    }

    [Fact]
    public void Resolve_JapaneseAdulthood_NeedsAnIssuedAgeOver20()
    {
        // 20 for alcohol and tobacco in Japan: 18 true and 21 false cannot answer; an issued age_over_20 can.
        var without = Elements(("age_over_18", true), ("age_over_21", false));
        var with = Elements(("age_over_18", true), ("age_over_20", true), ("age_over_21", false));

        Assert.Equal(MdocAgeOutcome.CannotAnswer, MdocAgeAttestation.Resolve(without, 20).Outcome);
        Assert.True(MdocAgeAttestation.Resolve(with, 20).IsOver);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100)]
    public void Resolve_AgeOutsideTwoDigits_Throws(int nn)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MdocAgeAttestation.Resolve(new Dictionary<string, MdocValue>(), nn));
    }
}
