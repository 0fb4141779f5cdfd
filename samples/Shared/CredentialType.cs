using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.SdJwtVc.TypeMetadata.Resolution;

namespace Credentials.Samples;

/// <summary>
/// One of the sample credential types: its name on the command line, its <c>vct</c>, its type metadata (from
/// <c>specs/credential-types/</c>), the checks its claims must pass, and the builder that turns a claims document
/// into an <see cref="SdObject"/> with the disclosability the metadata declares.
/// </summary>
public abstract class CredentialType
{
    /// <summary>The registered claim names (SD-JWT VC section 3.2.2): set by the issuer, never in a claims file.</summary>
    public static IReadOnlyList<string> RegisteredClaims { get; } =
    [
        SdJwtVcClaimNames.Iss, SdJwtVcClaimNames.Iat, SdJwtVcClaimNames.Nbf, SdJwtVcClaimNames.Exp, SdJwtVcClaimNames.Cnf,
        SdJwtVcClaimNames.Vct, SdJwtVcClaimNames.VctIntegrity, SdJwtVcClaimNames.Status, SdJwtVcClaimNames.Sub,
        "_sd", "_sd_alg", "...",
    ];

    /// <summary>The problem of a date written as YYYY-MM-DD for a day that does not exist (2003-02-30).</summary>
    public const string DateDoesNotExist = "is not a date that exists: the month has no such day, or there is no such month (YYYY-MM-DD).";

    /// <summary>The problem of a date not written as YYYY-MM-DD.</summary>
    public const string DateNotIso = "must be an ISO 8601 date (YYYY-MM-DD); 和暦 is for display only.";

    private ResolvedTypeMetadata? _metadata;
    private byte[]? _document;
    private string? _metadataIntegrity;

    /// <summary>The name on the command line (<c>ipa-exam</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The credential type URI.</summary>
    public abstract string Vct { get; }

    /// <summary>How long a credential is technically valid before the type's caps apply.</summary>
    public abstract TimeSpan DefaultValidity { get; }

    /// <summary>The type metadata file name (<c>ipa-exam.json</c>).</summary>
    public string MetadataFileName => Name + ".json";

    /// <summary>The type metadata document, byte for byte as in <c>specs/credential-types/</c>.</summary>
    public ReadOnlyMemory<byte> MetadataDocument => _document ??= SampleResources.Read("credential-types/" + MetadataFileName);

    /// <summary>The parsed type metadata.</summary>
    public ResolvedTypeMetadata Metadata => _metadata ??= LoadMetadata();

    /// <summary>The <c>vct#integrity</c> value of <see cref="MetadataDocument"/> (SRI, SHA-256).</summary>
    public string MetadataIntegrity => _metadataIntegrity ??= SubresourceIntegrity.Compute(MetadataDocument.Span);

    /// <summary>The type's display name in <paramref name="language"/>.</summary>
    public string GetDisplayName(UiLanguage language) => Metadata.GetName(language.ToLocale()) ?? Name;

    /// <summary>The sample claims document in <c>samples/Shared/SampleData/</c>.</summary>
    public JsonObject GetSampleClaims()
        => JsonNode.Parse(SampleResources.Read("sample-data/" + MetadataFileName))!.AsObject();

    /// <summary>
    /// Checks <paramref name="claims"/>: no registered claims, every mandatory claim of the metadata present, and
    /// the type's own rules (date formats, codes, consistency). Returns every problem found (empty when valid).
    /// </summary>
    /// <param name="claims">The claims document.</param>
    /// <param name="today">Today in Japan (<see cref="JapanTime.Today"/>).</param>
    public IReadOnlyList<ClaimProblem> Validate(JsonObject claims, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var problems = new List<ClaimProblem>();
        foreach (var name in RegisteredClaims)
        {
            if (claims.ContainsKey(name))
            {
                problems.Add(new(name, "is a registered claim set by the issuer (issuer, times, holder key, type, status); remove it from the claims."));
            }
        }

        var completed = Complete(claims, today, problems);
        ValidateClaims(completed, today, problems);
        foreach (var claim in Metadata.Claims.Where(c => c.Mandatory))
        {
            // A claim the issuer derives (age_over_18 from birth_date) is missing because its source has a problem,
            // which is reported already: only the real cause is.
            if (Select(completed, claim.Path).Count == 0
                && !(DerivedFrom(claim.Path) is { } source && problems.Any(p => p.Path == source)))
            {
                problems.Add(new(ClaimPathSyntax.Format(claim.Path), "is required by the type metadata but missing."));
            }
        }

        return problems;
    }

    /// <summary>
    /// Validates and completes the claims, decides their disclosability from the type metadata, and computes the
    /// technical validity from <paramref name="now"/>.
    /// </summary>
    /// <param name="claims">The claims document (left unchanged).</param>
    /// <param name="now">The issuance time.</param>
    /// <param name="source">Where the claims came from, for error messages.</param>
    /// <exception cref="CredentialClaimsException">The claims do not fit the type.</exception>
    public PreparedCredential Prepare(JsonObject claims, DateTimeOffset now, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var today = JapanTime.ToJapanDate(now);
        var problems = Validate(claims, today);
        if (problems.Count > 0)
        {
            throw new CredentialClaimsException(problems, source);
        }

        var completed = Complete(claims, today, []);
        var expiresAt = CapExpiry(completed, now, now + DefaultValidity);
        var sd = SdClaimsBuilder.Build(completed, SdClaimsBuilder.FromMetadata(Metadata), Decoys);
        return new PreparedCredential(this, completed, sd, now, expiresAt);
    }

    /// <summary>How many decoy digests to add at the top level.</summary>
    protected virtual int Decoys => 2;

    /// <summary>Returns the claims to issue: a deep copy, completed with derived claims (the age statements).</summary>
    protected virtual JsonObject Complete(JsonObject claims, DateOnly today, List<ClaimProblem> problems)
        => claims.DeepClone().AsObject();

    /// <summary>
    /// The claim (dotted path) the issuer computes <paramref name="path"/> from, when it is derived rather than given
    /// (the age statements from <c>birth_date</c>); <see langword="null"/> for a claim the claims file must give.
    /// </summary>
    protected virtual string? DerivedFrom(ClaimPath path) => null;

    /// <summary>The type's own checks on the completed claims.</summary>
    protected abstract void ValidateClaims(JsonObject claims, DateOnly today, List<ClaimProblem> problems);

    /// <summary>Caps the default expiry (for example at a birthday that would make a false age statement wrong).</summary>
    protected virtual DateTimeOffset CapExpiry(JsonObject claims, DateTimeOffset now, DateTimeOffset expiresAt) => expiresAt;

    /// <summary>Checks an ISO 8601 full date member; returns it when valid.</summary>
    protected static DateOnly? RequireDate(JsonObject parent, string name, string path, List<ClaimProblem> problems, DateOnly? notAfter = null, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(problems);
        if (!parent.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
            {
                problems.Add(new(path, "is missing."));
            }

            return null;
        }

        if (node.GetValueKind() == JsonValueKind.String && IsoDate.HasDateShape(node.GetValue<string>()) && !IsoDate.TryParse(node.GetValue<string>(), out _))
        {
            // Written the right way, but no such day: say that, not that the format is wrong.
            problems.Add(new(path, DateDoesNotExist));
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String || !IsoDate.TryParse(node.GetValue<string>(), out var date))
        {
            problems.Add(new(path, DateNotIso));
            return null;
        }

        if (notAfter is { } limit && date > limit)
        {
            problems.Add(new(path, "is in the future."));
        }

        return date;
    }

    /// <summary>Checks a non-empty string member; returns it when valid.</summary>
    protected static string? RequireString(JsonObject parent, string name, string path, List<ClaimProblem> problems, bool required = true, Regex? pattern = null, string? patternDescription = null)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(problems);
        if (!parent.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
            {
                problems.Add(new(path, "is missing."));
            }

            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String || node.GetValue<string>().Trim().Length == 0)
        {
            problems.Add(new(path, "must be a non-empty string."));
            return null;
        }

        var value = node.GetValue<string>();
        if (pattern is not null && !pattern.IsMatch(value))
        {
            problems.Add(new(path, "must be " + (patternDescription ?? "in the documented format") + "."));
            return null;
        }

        return value;
    }

    /// <summary>Checks the person's name claims: kanji family and given name required; kana in katakana, romaji in Latin letters.</summary>
    protected static void ValidateNames(JsonObject claims, List<ClaimProblem> problems)
    {
        RequireString(claims, "family_name", "family_name", problems);
        RequireString(claims, "given_name", "given_name", problems);
        foreach (var part in new[] { "family_name", "given_name" })
        {
            RequireString(claims, part + "#ja-Kana-JP", part + "#ja-Kana-JP", problems, required: false, SamplePatterns.Katakana(), "katakana (ja-Kana-JP)");
            RequireString(claims, part + "#ja-Latn-JP", part + "#ja-Latn-JP", problems, required: false, SamplePatterns.Romaji(), "Latin letters (ja-Latn-JP, Hepburn as in the passport)");
        }
    }

    /// <summary>The members selected by a claim path (<see langword="null"/> components select every element).</summary>
    protected static List<JsonNode?> Select(JsonNode? root, ClaimPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = new List<JsonNode?> { root };
        foreach (var component in path.Components)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                if (component.Name is { } name && node is JsonObject obj && obj.TryGetPropertyValue(name, out var child))
                {
                    next.Add(child);
                }
                else if (component.IsAllElements && node is JsonArray all)
                {
                    next.AddRange(all);
                }
                else if (component.Name is null && !component.IsAllElements && node is JsonArray array && component.ArrayIndex < array.Count)
                {
                    next.Add(array[component.ArrayIndex]);
                }
            }

            current = next;
        }

        return current;
    }

    private ResolvedTypeMetadata LoadMetadata()
    {
        var parsed = TypeMetadataDocument.Read(MetadataDocument);
        if (!parsed.IsValid)
        {
            throw new InvalidDataException($"The embedded type metadata '{MetadataFileName}' is invalid: {parsed.Error.Message}");
        }

        var resolved = ResolvedTypeMetadata.Create([parsed.Value], MetadataIntegrity);
        return resolved.IsValid ? resolved.Value : throw new InvalidDataException($"The type metadata '{MetadataFileName}' cannot be resolved: {resolved.Error.Message}");
    }
}
