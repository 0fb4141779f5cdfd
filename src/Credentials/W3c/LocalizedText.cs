using System;
using System.Collections.Immutable;

namespace Credentials.W3c;

/// <summary>
/// The value of a natural-language property such as <c>name</c> or <c>description</c>: one string or language value
/// object, or several (one per language) (VCDM 2.0 sections 4.6 and 11.1).
/// </summary>
public sealed class LocalizedText
{
    internal LocalizedText(ImmutableArray<LanguageValue> values)
    {
        Values = values;
    }

    /// <summary>Every value, in document order (never empty).</summary>
    public ImmutableArray<LanguageValue> Values { get; }

    /// <summary>
    /// The text for a language: the value whose tag equals <paramref name="language"/> (ignoring case), else one whose
    /// tag starts with it or that it starts with (<c>ja</c> and <c>ja-JP</c>), else <see langword="null"/>.
    /// </summary>
    /// <param name="language">A BCP 47 language tag such as <c>ja</c>.</param>
    public string? Get(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        foreach (var v in Values)
        {
            if (string.Equals(v.Language, language, StringComparison.OrdinalIgnoreCase))
            {
                return v.Value;
            }
        }

        foreach (var v in Values)
        {
            if (v.Language is { } tag && (IsPrefix(tag, language) || IsPrefix(language, tag)))
            {
                return v.Value;
            }
        }

        return null;
    }

    /// <summary>The text for a language, falling back to the first value.</summary>
    /// <param name="language">A BCP 47 language tag such as <c>ja</c>.</param>
    public string GetOrFirst(string language) => Get(language) ?? Values[0].Value;

    /// <summary>The first value's text.</summary>
    public override string ToString() => Values[0].Value;

    private static bool IsPrefix(string prefix, string tag)
        => tag.Length > prefix.Length && tag[prefix.Length] == '-' && tag.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
}
