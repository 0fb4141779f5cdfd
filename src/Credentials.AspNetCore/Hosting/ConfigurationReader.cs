using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Configuration;

namespace Credentials.AspNetCore.Hosting;

/// <summary>
/// Reads the scalar values of a settings class from a configuration section without reflection (so the package stays
/// trimming- and AOT-safe): keys are case-insensitive as in every <see cref="IConfiguration"/>, numbers and spans are
/// read with the invariant culture (<c>00:05:00</c>, <c>1.00:00:00</c>), and a list in configuration replaces the default
/// list instead of being appended to it. A value that cannot be read is kept as a problem, reported by start-up
/// validation together with the others, and leaves the setting unchanged.
/// </summary>
internal sealed class ConfigurationReader(IConfiguration section, List<string> problems)
{
    public string? String(string key, string? current) => section[key] is { } value ? (value.Length == 0 ? null : value) : current;

    public int Int32(string key, int current) => Read(key, current, "an integer", static v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : null);

    public bool Boolean(string key, bool current) => Read(key, current, "true or false", static v => bool.TryParse(v, out var r) ? r : null);

    public TimeSpan TimeSpan(string key, TimeSpan current) => Read(key, current, "a time span such as 00:05:00", ParseSpan);

    public TimeSpan? NullableTimeSpan(string key, TimeSpan? current)
    {
        if (section[key] is not { } value)
        {
            return current;
        }

        if (value.Length == 0)
        {
            return null;
        }

        if (ParseSpan(value) is { } span)
        {
            return span;
        }

        problems.Add($"{Path(key)} must be a time span such as 00:05:00 (or empty for none).");
        return current;
    }

    public Uri? AbsoluteUri(string key, Uri? current)
    {
        if (section[key] is not { } value)
        {
            return current;
        }

        if (value.Length == 0)
        {
            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return uri;
        }

        problems.Add($"{Path(key)} must be an absolute URL.");
        return current;
    }

    /// <summary>Replaces <paramref name="list"/>'s items with the section's array, when the configuration has one.</summary>
    public void Strings(string key, IList<string> list)
    {
        var child = section.GetSection(key);
        var items = child.GetChildren().ToList();
        if (items.Count == 0)
        {
            return;
        }

        list.Clear();
        foreach (var item in items.OrderBy(i => int.TryParse(i.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue))
        {
            if (!string.IsNullOrEmpty(item.Value))
            {
                list.Add(item.Value);
            }
        }
    }

    /// <summary>Adds one item per child of the section's array, read by <paramref name="read"/> (which returns null after reporting a problem).</summary>
    public void Objects<T>(string key, IList<T> list, Func<ConfigurationReader, T?> read)
        where T : class
    {
        foreach (var item in section.GetSection(key).GetChildren())
        {
            if (read(new ConfigurationReader(item, problems)) is { } value)
            {
                list.Add(value);
            }
        }
    }

    /// <summary>The reader of a child object, or null when the configuration has none.</summary>
    public ConfigurationReader? Child(string key)
    {
        var child = section.GetSection(key);
        return child.GetChildren().Any() ? new ConfigurationReader(child, problems) : null;
    }

    /// <summary>A value the object cannot do without; reports it when missing.</summary>
    public string? Required(string key)
    {
        if (String(key, null) is { } value)
        {
            return value;
        }

        problems.Add($"{Path(key)} is required.");
        return null;
    }

    private string Path(string key) => section is IConfigurationSection s ? s.Path + ":" + key : key;

    private T Read<T>(string key, T current, string expected, Func<string, T?> parse)
        where T : struct
    {
        if (section[key] is not { } value)
        {
            return current;
        }

        if (parse(value) is { } parsed)
        {
            return parsed;
        }

        problems.Add($"{Path(key)} must be {expected}.");
        return current;
    }

    private static TimeSpan? ParseSpan(string value) => System.TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span : null;
}
