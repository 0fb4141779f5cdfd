using System;
using System.Collections;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Resources;
using System.Threading.Tasks;
using Xunit;

namespace Credentials.Samples;

/// <summary>Checks that an app's help is complete in English and Japanese (shared by both samples test projects).</summary>
internal static class HelpTextChecks
{
    public static bool HasJapanese(string? text)
        => text is not null && text.Any(c => c is (>= '\u3040' and <= '\u30ff') or (>= '\u4e00' and <= '\u9fff'));

    /// <summary>Every English (neutral) resource has a Japanese one in the ja satellite, in Japanese, and no key is Japanese-only.</summary>
    public static void AssertEveryResourceTranslated(ResourceManager resources)
    {
        var english = Entries(resources, CultureInfo.InvariantCulture);
        var japanese = Entries(resources, CultureInfo.GetCultureInfo("ja"));

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), japanese.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in english)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"'{key}' has no English text");
            Assert.False(HasJapanese(text), $"'{key}': the English text is in Japanese");
            Assert.True(HasJapanese(japanese[key]), $"'{key}': the Japanese text has no Japanese: {japanese[key]}");
            Assert.NotEqual(text, japanese[key]);
        }
    }

    /// <summary>Every command, option and argument of the app has a description in English and a different one in Japanese.</summary>
    public static void AssertEverySymbolDescribed(Func<CliHost, RootCommand> create, string appName)
    {
        var english = CliHelp.Enumerate(create(Host(UiLanguage.English)), appName).ToList();
        var japanese = CliHelp.Enumerate(create(Host(UiLanguage.Japanese)), appName).ToList();

        Assert.Equal(english.Count, japanese.Count);
        for (var i = 0; i < english.Count; i++)
        {
            var key = english[i].Keys[0];
            Assert.Equal(key, japanese[i].Keys[0]);
            var en = Description(english[i].Symbol);
            var ja = Description(japanese[i].Symbol);
            Assert.False(string.IsNullOrWhiteSpace(en), $"{appName}: '{key}' has no description");
            Assert.False(HasJapanese(en), $"{appName}: '{key}' is Japanese in English: {en}");
            Assert.True(HasJapanese(ja), $"{appName}: '{key}' has no Japanese description: {ja}");
            Assert.False(System.Text.RegularExpressions.Regex.IsMatch(ja + en, @"\{(?!id\})[a-z]+\}"), $"{appName}: '{key}' has a placeholder left: {en}");
        }
    }

    /// <summary>'APP COMMAND... --help' of every command, run as the app runs it: Japanese under a Japanese host, and not the English help.</summary>
    public static async Task AssertHelpOfEveryCommandIsJapanese(Func<CliHost, RootCommand> create, string appName)
    {
        var commands = CliHelp.Enumerate(create(Host(UiLanguage.English)), appName)
            .Where(e => e.Symbol is Command)
            .Select(e => e.Keys[0] == appName ? Array.Empty<string>() : e.Keys[0].Split(' '))
            .ToList();
        Assert.True(commands.Count > 1);
        foreach (var path in commands)
        {
            var english = await HelpAsync(create, UiLanguage.English, path);
            var japanese = await HelpAsync(create, UiLanguage.Japanese, path);
            var name = string.Join(' ', [appName, .. path]);

            Assert.False(HasJapanese(english), $"'{name} --help' in English has Japanese");
            Assert.True(HasJapanese(japanese), $"'{name} --help' in Japanese has no Japanese");
            Assert.NotEqual(english, japanese);
            Assert.Contains("使用法", japanese, StringComparison.Ordinal);
        }
    }

    private static async Task<string> HelpAsync(Func<CliHost, RootCommand> create, UiLanguage language, string[] path)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(output, error, language: language, environment: _ => null);
        var exit = await CliApp.InvokeAsync(create(host), [.. path, "--help"], host);
        Assert.True(exit == 0, $"{string.Join(' ', path)} --help: exit {exit}: {error}");
        return output.ToString();
    }

    private static CliHost Host(UiLanguage language) => new(TextWriter.Null, TextWriter.Null, language: language, environment: _ => null);

    private static string Description(Symbol symbol) => symbol switch
    {
        Command c => c.Description ?? string.Empty,
        Option o => o.Description ?? string.Empty,
        Argument a => a.Description ?? string.Empty,
        _ => string.Empty,
    };

    private static System.Collections.Generic.Dictionary<string, string> Entries(ResourceManager resources, CultureInfo culture)
    {
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No {culture.Name} resources in {resources.BaseName}.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }
}
