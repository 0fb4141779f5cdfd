using System.Text.RegularExpressions;

namespace Credentials.W3c.OpenBadges;

/// <summary>The context, schema and type URLs of Open Badges 3.0.</summary>
public static partial class OpenBadgeContexts
{
    /// <summary>The pinned Open Badges 3.0 JSON-LD context, the second <c>@context</c> item of credentials this library builds.</summary>
    public const string Context = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    /// <summary>The published JSON Schema of <c>AchievementCredential</c>/<c>OpenBadgeCredential</c>, named in <c>credentialSchema</c>.</summary>
    public const string AchievementCredentialSchema = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

    /// <summary>The published JSON Schema of <c>EndorsementCredential</c>.</summary>
    public const string EndorsementCredentialSchema = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json";

    /// <summary>The <c>credentialSchema</c> type that asks verifiers to check the credential against a 1EdTech JSON Schema (section 9.1).</summary>
    public const string JsonSchemaValidator2019 = "1EdTechJsonSchemaValidator2019";

    /// <summary>Whether a URL is an Open Badges 3.0 context (the pattern of the 1EdTech schema, for example <c>context-3.0.3.json</c>).</summary>
    /// <param name="url">The URL.</param>
    public static bool IsOpenBadgesContext(string? url) => url is not null && ContextPattern().IsMatch(url);

    // Appendix B.1, AchievementCredential: the second @context item matches this pattern (the JSON Schema's regex).
    [GeneratedRegex(@"^https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d\.\d)*\.json$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ContextPattern();
}
