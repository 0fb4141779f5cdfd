using System;
using System.Collections.Generic;
using System.IO;
using Credentials.Dcql;
using Credentials.Samples.Common;

namespace Credentials.Samples.Verifier;

/// <summary>The DCQL queries the verifier can ask by name, or a DCQL file.</summary>
internal static class Queries
{
    public const string InvalidQueryCode = "verifier.invalid_query";

    /// <summary>Named queries: what a shop, a bar and an employer ask for.</summary>
    public static IReadOnlyDictionary<string, Func<string>> Named { get; } = new Dictionary<string, Func<string>>(StringComparer.Ordinal)
    {
        ["age-over-20"] = () => Single("age", CredentialTypes.Age.Vct, "[\"age_over_20\"]"),
        ["age-over-18"] = () => Single("age", CredentialTypes.Age.Vct, "[\"age_over_18\"]"),
        ["ipa-exam"] = () => Single("ipa_exam", CredentialTypes.IpaExam.Vct, "[\"exam\",\"category_code\"]", "[\"pass_date\"]"),
    };

    /// <summary>A named query or a DCQL JSON file; anything else is a <see cref="CliException"/>.</summary>
    public static DcqlQuery Load(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        string json;
        string source;
        if (Named.TryGetValue(value, out var named))
        {
            json = named();
            source = value;
        }
        else if (File.Exists(value) || value.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            json = CliFiles.ReadAllText(value, "DCQL query");
            source = value;
        }
        else
        {
            throw new CliException(CliErrors.InvalidOption("--query", $"'{value}' is neither a known query nor a file.", $"Use one of: {string.Join(", ", Named.Keys)}, or a DCQL JSON file."));
        }

        return Parse(json, source);
    }

    /// <summary>A named query only (what a server accepts from the network: never a file path).</summary>
    public static DcqlQuery LoadNamed(string name)
        => Named.TryGetValue(name, out var named)
            ? Parse(named(), name)
            : throw new CliException(CliErrors.InvalidOption("query", $"'{name}' is not a known query.", $"Use one of: {string.Join(", ", Named.Keys)}, or POST a DCQL JSON body."));

    /// <summary>Parses DCQL JSON; a malformed query is a <see cref="CliException"/>.</summary>
    public static DcqlQuery Parse(string json, string source)
    {
        var parsed = DcqlQuery.Read(json);
        if (!parsed.IsValid)
        {
            throw new CliException(ClaimValues.ToCliError(parsed.Error, $"Fix the DCQL query in '{source}' (OpenID4VP 1.0 section 6).") with { Code = InvalidQueryCode });
        }

        return parsed.Value;
    }

    private static string Single(string id, string vct, params string[] paths)
    {
        var claims = string.Join(",", Array.ConvertAll(paths, p => $"{{\"path\":{p}}}"));
        return $"{{\"credentials\":[{{\"id\":\"{id}\",\"format\":\"dc+sd-jwt\",\"meta\":{{\"vct_values\":[\"{vct}\"]}},\"claims\":[{claims}]}}]}}";
    }
}
