using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Credentials.Testing;

/// <summary>Reads a README's <c>csharp</c> blocks and a <c>#region</c> of a test file, to keep the two identical.</summary>
public static class ReadmeSnippet
{
    /// <summary>The non-empty, trimmed code lines of a <c>```csharp</c> block of a README, without its <c>using</c> directives.</summary>
    /// <param name="readmePath">The README's path relative to the repository root.</param>
    /// <param name="block">Which block, from 0 (the first).</param>
    /// <returns>The lines in order.</returns>
    public static IReadOnlyList<string> Code(string readmePath, int block = 0) => Block(readmePath, block).Where(l => !IsUsingDirective(l)).ToArray();

    /// <summary>The <c>using</c> directives of a <c>```csharp</c> block of a README.</summary>
    /// <param name="readmePath">The README's path relative to the repository root.</param>
    /// <param name="block">Which block, from 0 (the first).</param>
    /// <returns>The directives in order, trimmed.</returns>
    public static IReadOnlyList<string> Usings(string readmePath, int block = 0) => Block(readmePath, block).Where(IsUsingDirective).ToArray();

    /// <summary>The <c>using</c> directives at the top of a source file.</summary>
    /// <param name="sourcePath">The file's path relative to the repository root.</param>
    /// <returns>The directives, trimmed.</returns>
    public static IReadOnlyList<string> SourceUsings(string sourcePath)
        => Lines(sourcePath).Select(l => l.Trim()).Where(IsUsingDirective).ToArray();

    /// <summary>The non-empty, trimmed lines between <c>#region name</c> and the next <c>#endregion</c> of a source file.</summary>
    /// <param name="sourcePath">The file's path relative to the repository root.</param>
    /// <param name="region">The region's name.</param>
    /// <returns>The lines in order.</returns>
    /// <exception cref="InvalidOperationException">The file has no such region.</exception>
    public static IReadOnlyList<string> Region(string sourcePath, string region)
    {
        var lines = Lines(sourcePath).Select(l => l.Trim()).ToArray();
        var start = Array.IndexOf(lines, "#region " + region);
        var end = start < 0 ? -1 : Array.IndexOf(lines, "#endregion", start + 1);
        if (end < 0)
        {
            throw new InvalidOperationException($"{sourcePath} has no region '{region}'.");
        }

        return lines[(start + 1)..end].Where(l => l.Length > 0).ToArray();
    }

    private static string[] Block(string readmePath, int block)
    {
        var lines = Lines(readmePath);
        var start = -1;
        for (var i = 0; i <= block; i++)
        {
            start = Array.FindIndex(lines, start + 1, l => l.StartsWith("```csharp", StringComparison.Ordinal));
            if (start < 0)
            {
                break;
            }
        }

        var end = start < 0 ? -1 : Array.FindIndex(lines, start + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        if (end < 0)
        {
            throw new InvalidOperationException($"{readmePath} has no ```csharp block number {block}.");
        }

        return lines[(start + 1)..end].Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
    }

    private static string[] Lines(string relativePath)
        => File.ReadAllLines(System.IO.Path.Combine(RepositoryRoot.Path, relativePath));

    private static bool IsUsingDirective(string line)
        => line.StartsWith("using ", StringComparison.Ordinal) && line.EndsWith(';') && line.IndexOf(' ', 6) < 0;
}
