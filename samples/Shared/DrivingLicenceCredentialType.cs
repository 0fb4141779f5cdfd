using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credentials.Samples;

/// <summary>
/// Driving licence, illustrative only (not an official format; no official Japanese mDL exists): the SD-JWT VC
/// projection of licence data with ISO/IEC 18013-5 element names. The issuer adds <c>age_equal_or_over</c> (18, 20)
/// from the birth date. Technical validity is 30 days, never past the licence's expiry date (end of that day, JST)
/// nor past a birthday that makes an age statement wrong.
/// </summary>
public sealed class DrivingLicenceCredentialType : CredentialType
{
    /// <summary>The <c>vct</c>.</summary>
    public const string TypeUri = "https://credentials.example.jp/vct/driving-licence/v1";

    private static readonly HashSet<string> s_colours = new(StringComparer.Ordinal) { "gold", "blue", "green" };

    /// <inheritdoc />
    public override string Name => "driving-licence";

    /// <inheritdoc />
    public override string Vct => TypeUri;

    /// <inheritdoc />
    public override TimeSpan DefaultValidity => TimeSpan.FromDays(30);

    /// <inheritdoc />
    protected override JsonObject Complete(JsonObject claims, DateOnly today, List<ClaimProblem> problems)
    {
        var completed = base.Complete(claims, today, problems);
        if (ReadDate(completed, "birthdate") is not { } birth || birth > today)
        {
            return completed;
        }

        var computed = new JsonObject();
        foreach (var (age, _) in AgeCredentialType.Thresholds)
        {
            computed[age.ToString(System.Globalization.CultureInfo.InvariantCulture)] = JapaneseAge.IsAtLeast(birth, age, today);
        }

        if (completed["age_equal_or_over"] is { } stated && !JsonNode.DeepEquals(stated, computed))
        {
            problems.Add(new("age_equal_or_over", "contradicts birthdate on today's date in Japan (JST); leave it out and the issuer computes it."));
        }

        completed["age_equal_or_over"] = computed;
        return completed;
    }

    /// <inheritdoc />
    protected override void ValidateClaims(JsonObject claims, DateOnly today, List<ClaimProblem> problems)
    {
        ValidateNames(claims, problems);
        RequireDate(claims, "birthdate", "birthdate", problems, notAfter: today);
        RequireString(claims, "document_number", "document_number", problems, pattern: SamplePatterns.LicenceNumber(), patternDescription: "12 digits (use an obviously fake number such as 300000000000)");
        var issued = RequireDate(claims, "issue_date", "issue_date", problems, notAfter: today);
        var expires = RequireDate(claims, "expiry_date", "expiry_date", problems);
        if (issued is { } i && expires is { } e && e <= i)
        {
            problems.Add(new("expiry_date", "must be after issue_date."));
        }

        if (expires is { } end && end < today)
        {
            problems.Add(new("expiry_date", "has passed: an expired licence cannot be issued as a credential."));
        }

        if (RequireString(claims, "licence_colour", "licence_colour", problems, required: false) is { } colour && !s_colours.Contains(colour))
        {
            problems.Add(new("licence_colour", "must be gold, blue or green."));
        }

        if (claims["conditions"] is { } conditions && (conditions is not JsonArray list || !list.All(c => c?.GetValueKind() == JsonValueKind.String)))
        {
            problems.Add(new("conditions", "must be an array of strings (e.g. 眼鏡等)."));
        }

        ValidatePrivileges(claims["driving_privileges"], "driving_privileges", "vehicle_category_code", problems);
        ValidatePrivileges(claims["domestic_driving_privileges"], "domestic_driving_privileges", "code", problems);
        RequireString(claims, "issuing_authority", "issuing_authority", problems);
        RequireString(claims, "issuing_country", "issuing_country", problems);
        if (claims["picture"] is { } picture)
        {
            var uri = picture is JsonObject reference ? RequireString(reference, "uri", "picture.uri", problems) : null;
            if (picture is not JsonObject)
            {
                problems.Add(new("picture", "must be a reference object { \"uri\": ..., \"uri#integrity\": \"sha256-...\" }."));
            }
            else if (uri is not null && !(uri.StartsWith("https://", StringComparison.Ordinal) || uri.StartsWith("data:image/", StringComparison.Ordinal)))
            {
                problems.Add(new("picture.uri", "must be an https: or data:image/ URI."));
            }
        }
    }

    /// <inheritdoc />
    protected override DateTimeOffset CapExpiry(JsonObject claims, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        if (ReadDate(claims, "expiry_date") is { } end)
        {
            var licenceEnds = JapanTime.StartOfDay(end.AddDays(1));
            if (licenceEnds < expiresAt)
            {
                expiresAt = licenceEnds;
            }
        }

        return AgeCredentialType.CapAtBirthdays(ReadDate(claims, "birthdate"), now, expiresAt);
    }

    private static void ValidatePrivileges(JsonNode? node, string path, string codeMember, List<ClaimProblem> problems)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonArray array || array.Count == 0)
        {
            problems.Add(new(path, "must be a non-empty array."));
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject privilege)
            {
                problems.Add(new($"{path}[{i}]", "must be an object."));
                continue;
            }

            RequireString(privilege, codeMember, $"{path}[{i}].{codeMember}", problems);
            RequireDate(privilege, "issue_date", $"{path}[{i}].issue_date", problems, required: false);
        }
    }

    private static DateOnly? ReadDate(JsonObject claims, string name)
        => claims[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String && IsoDate.TryParse(value.GetValue<string>(), out var date) ? date : null;
}
