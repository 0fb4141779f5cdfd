using System;

namespace Credentials.W3c;

/// <summary>
/// A natural-language string with its language and base direction: a plain string, or a language value object
/// <c>{"@value", "@language", "@direction"}</c> (VCDM 2.0 section 11.1).
/// </summary>
public sealed record LanguageValue
{
    /// <summary>Creates a value.</summary>
    /// <param name="value">The text.</param>
    /// <param name="language">A BCP 47 language tag such as <c>ja</c> or <c>en-US</c>, or <see langword="null"/>.</param>
    /// <param name="direction">The base direction, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public LanguageValue(string value, string? language = null, BaseDirection? direction = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
        Language = language;
        Direction = direction;
    }

    /// <summary>The text (<c>@value</c>).</summary>
    public string Value { get; }

    /// <summary>The language tag (<c>@language</c>), or <see langword="null"/> when not given (treat as <c>und</c>, section 11.2).</summary>
    public string? Language { get; }

    /// <summary>The base direction (<c>@direction</c>), or <see langword="null"/> when not given (treat as <c>auto</c>).</summary>
    public BaseDirection? Direction { get; }

    /// <summary>Whether this value is a plain string (no language and no direction).</summary>
    public bool IsPlain => Language is null && Direction is null;

    /// <inheritdoc />
    public override string ToString() => Value;
}
