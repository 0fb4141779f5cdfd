using System;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Credentials.Samples;

/// <summary>
/// Writing untrusted or dynamic text (DIDs, URLs, claim values) with Spectre.Console. <see cref="Markup.Escape"/>
/// escapes brackets but not emoji codes, so <c>did:key:z…</c> printed through markup would show a key emoji; these
/// helpers write such text as plain <see cref="Text"/>.
/// </summary>
public static class CliText
{
    /// <summary>A plain-text cell for tables.</summary>
    public static IRenderable Plain(string? text) => new Text(text ?? string.Empty);

    /// <summary>Writes <paramref name="markup"/> (trusted, may contain styles) followed by <paramref name="plain"/> (verbatim) and a newline.</summary>
    public static void WriteLine(this IAnsiConsole console, string markup, string? plain)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Write(new Markup(markup));
        console.Write(new Text(plain ?? string.Empty));
        console.WriteLine();
    }

    /// <summary>Adds a row of plain-text cells.</summary>
    public static Table AddPlainRow(this Table table, params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(cells);
        var renderables = new IRenderable[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            renderables[i] = Plain(cells[i]);
        }

        return table.AddRow(renderables);
    }
}
