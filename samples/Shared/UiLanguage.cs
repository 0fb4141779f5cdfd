namespace Credentials.Samples;

/// <summary>The languages the sample apps show labels in.</summary>
public enum UiLanguage
{
    /// <summary>English labels (<c>en-US</c> display metadata).</summary>
    English,

    /// <summary>Japanese labels (<c>ja-JP</c> display metadata, 和暦 dates).</summary>
    Japanese,
}
