using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Linq;
using System.Resources;

namespace Credentials.Samples;

/// <summary>
/// The help text of the sample apps, from .resx resources in English (neutral) and Japanese (<c>ja</c>): every command,
/// option and argument gets its description from the app's resources, looked up by its place in the command tree, in
/// the language of the host (<see cref="CliHost.Language"/>: <c>LANG=ja_JP.UTF-8</c> gives Japanese).
/// </summary>
/// <remarks>
/// Keys: a command by its path below the root (<c>keys create</c>; the root by the app's name); an option or argument
/// by the path of its command and its name (<c>keys create --alg</c>), falling back to the shorter paths of the
/// commands above it and finally to its name alone (<c>status revoke --db</c>, <c>status --db</c>, <c>--db</c>), so
/// an option shared by several commands is described once. The shared resources (<c>--json</c>, <c>--help</c>,
/// <c>--trust</c>, ...) are searched after the app's. A placeholder such as <c>{types}</c> is replaced with its value.
/// </remarks>
public static class CliHelp
{
    /// <summary>The resources every app shares: <c>--help</c>, <c>--version</c>, <c>--json</c>, <c>--trust</c>, <c>--skip-status</c>.</summary>
    public static ResourceManager SharedResources { get; } = new("Credentials.Samples.Resources.CliHelp", typeof(CliHelp).Assembly);

    /// <summary>The culture whose resources hold <paramref name="language"/>'s text (the neutral resources are English).</summary>
    public static CultureInfo CultureOf(UiLanguage language)
        => language == UiLanguage.Japanese ? CultureInfo.GetCultureInfo("ja") : CultureInfo.InvariantCulture;

    /// <summary>Sets the description of every command, option and argument of <paramref name="root"/>.</summary>
    /// <param name="root">The app's command tree.</param>
    /// <param name="appName">The app's name (the root command's key).</param>
    /// <param name="resources">The app's help resources.</param>
    /// <param name="language">The language of the text.</param>
    /// <param name="values">Values for placeholders such as <c>{types}</c>.</param>
    /// <exception cref="InvalidOperationException">A symbol has no help text (a missing resource is a bug).</exception>
    public static T Apply<T>(T root, string appName, ResourceManager resources, UiLanguage language, IReadOnlyDictionary<string, string>? values = null)
        where T : Command
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrEmpty(appName);
        ArgumentNullException.ThrowIfNull(resources);
        var culture = CultureOf(language);
        foreach (var entry in Enumerate(root, appName))
        {
            var text = Find(entry.Keys, resources, culture)
                ?? throw new InvalidOperationException($"{appName}: no help text for '{entry.Keys[0]}'; add it to the app's help resources.");
            foreach (var (name, value) in values ?? new Dictionary<string, string>())
            {
                text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
            }

            switch (entry.Symbol)
            {
                case Command command:
                    command.Description = text;
                    break;
                case Option option:
                    option.Description = text;
                    break;
                case Argument argument:
                    argument.Description = text;
                    break;
            }
        }

        return root;
    }

    /// <summary>
    /// Every command, option and argument of <paramref name="root"/> with the keys its help text is looked up by,
    /// most specific first.
    /// </summary>
    public static IEnumerable<(System.CommandLine.Symbol Symbol, IReadOnlyList<string> Keys)> Enumerate(Command root, string appName)
    {
        ArgumentNullException.ThrowIfNull(root);
        var pending = new Stack<(Command Command, string[] Path)>();
        pending.Push((root, []));
        while (pending.Count > 0)
        {
            var (command, path) = pending.Pop();
            yield return (command, [path.Length == 0 ? appName : string.Join(' ', path)]);
            foreach (var option in command.Options)
            {
                var name = option switch
                {
                    HelpOption => "--help",
                    VersionOption => "--version",
                    _ => option.Name,
                };
                yield return (option, Fallbacks(path, name));
            }

            foreach (var argument in command.Arguments)
            {
                yield return (argument, Fallbacks(path, argument.Name));
            }

            foreach (var subcommand in command.Subcommands.Reverse())
            {
                pending.Push((subcommand, [.. path, subcommand.Name]));
            }
        }
    }

    private static string[] Fallbacks(string[] path, string name)
    {
        var keys = new string[path.Length + 1];
        for (var length = path.Length; length >= 0; length--)
        {
            keys[path.Length - length] = length == 0 ? name : string.Join(' ', path.Take(length)) + " " + name;
        }

        return keys;
    }

    private static string? Find(IReadOnlyList<string> keys, ResourceManager resources, CultureInfo culture)
    {
        foreach (var manager in new[] { resources, SharedResources })
        {
            foreach (var key in keys)
            {
                if (manager.GetString(key, culture) is { } text)
                {
                    return text;
                }
            }
        }

        return null;
    }
}
