using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credentials.Samples;

/// <summary>
/// Age credential for Japanese age checks: <c>age_over_18</c> (adulthood), <c>age_over_20</c> (alcohol and tobacco)
/// and <c>birth_date</c>, each its own disclosure. The issuer computes the age statements from the birth date on
/// today's date in Japan (<see cref="JapaneseAge"/>); a claims file may state them, but they must agree.
/// </summary>
/// <remarks>
/// Technical validity is 30 days (issue in batches, use once per verifier), capped so that a <c>false</c> statement
/// never outlives the birthday that makes it wrong: <c>age_over_20: false</c> expires at 00:00 JST on the day the
/// holder turns 20, <c>age_over_18: false</c> at 00:00 JST on the day they turn 18. No status list: short validity
/// replaces revocation (as in the EU age-verification profile).
/// </remarks>
public sealed class AgeCredentialType : CredentialType
{
    /// <summary>The <c>vct</c>.</summary>
    public const string TypeUri = "https://credentials.example.jp/vct/age/v1";

    /// <summary>The age thresholds this type states, and their claim names.</summary>
    public static IReadOnlyList<(int Age, string Claim)> Thresholds { get; } =
    [
        (JapaneseAge.Adulthood, "age_over_18"),
        (JapaneseAge.AlcoholAndTobacco, "age_over_20"),
    ];

    /// <inheritdoc />
    public override string Name => "age";

    /// <inheritdoc />
    public override string Vct => TypeUri;

    /// <inheritdoc />
    public override TimeSpan DefaultValidity => TimeSpan.FromDays(30);

    /// <inheritdoc />
    protected override JsonObject Complete(JsonObject claims, DateOnly today, List<ClaimProblem> problems)
    {
        var completed = base.Complete(claims, today, problems);
        if (ReadBirthDate(completed) is not { } birth || birth > today)
        {
            return completed;
        }

        foreach (var (age, claim) in Thresholds)
        {
            var actual = JapaneseAge.IsAtLeast(birth, age, today);
            if (completed[claim] is { } stated)
            {
                if (stated.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add(new(claim, "must be true or false (or be left out: the issuer computes it from birth_date)."));
                }
                else if (stated.GetValue<bool>() != actual)
                {
                    problems.Add(new(claim, "contradicts birth_date on today's date in Japan (JST); leave it out and the issuer computes it."));
                }
            }

            completed[claim] = actual;
        }

        return completed;
    }

    /// <inheritdoc />
    protected override string? DerivedFrom(ClaimPath path)
        => path.Length == 1 && Thresholds.Any(t => t.Claim == path.Components[0].Name) ? "birth_date" : null;

    /// <inheritdoc />
    protected override void ValidateClaims(JsonObject claims, DateOnly today, List<ClaimProblem> problems)
    {
        RequireDate(claims, "birth_date", "birth_date", problems, notAfter: today);
        foreach (var name in claims.Select(p => p.Key))
        {
            if (name is not "birth_date" and not "age_over_18" and not "age_over_20")
            {
                problems.Add(new(name, "is not a claim of the age type (age_over_18, age_over_20, birth_date): an age credential carries nothing else."));
            }
        }
    }

    /// <inheritdoc />
    protected override DateTimeOffset CapExpiry(JsonObject claims, DateTimeOffset now, DateTimeOffset expiresAt)
        => CapAtBirthdays(ReadBirthDate(claims), now, expiresAt);

    /// <summary>
    /// The expiry capped at 00:00 JST on the birthday of each threshold not yet reached on <paramref name="now"/>'s
    /// date in Japan (so a false statement cannot outlive that birthday).
    /// </summary>
    public static DateTimeOffset CapAtBirthdays(DateOnly? birthDate, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        if (birthDate is not { } birth)
        {
            return expiresAt;
        }

        var today = JapanTime.ToJapanDate(now);
        foreach (var (age, _) in Thresholds)
        {
            if (!JapaneseAge.IsAtLeast(birth, age, today))
            {
                var turns = JapaneseAge.InstantOfAttaining(birth, age);
                if (turns < expiresAt)
                {
                    expiresAt = turns;
                }
            }
        }

        return expiresAt;
    }

    private static DateOnly? ReadBirthDate(JsonObject claims)
        => claims["birth_date"] is JsonValue value && value.GetValueKind() == JsonValueKind.String && IsoDate.TryParse(value.GetValue<string>(), out var date) ? date : null;
}
