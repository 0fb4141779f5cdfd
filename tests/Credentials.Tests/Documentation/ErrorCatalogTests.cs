using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Credentials.Testing;
using Xunit;

namespace Credentials.Tests.Documentation;

/// <summary>specs/errors.md lists every error code the packages can return, and nothing the code does not define.</summary>
public sealed partial class ErrorCatalogTests
{
    [Fact]
    public void ErrorsMd_ListsEveryErrorCodeDefinedInSrc()
    {
        var root = RepositoryRoot.Path;
        var catalog = File.ReadAllText(Path.Combine(root, "specs", "errors.md"));
        var defined = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f))
            .Where(line => line.Contains("ErrorCode", StringComparison.Ordinal) || line.Contains("new(\"", StringComparison.Ordinal))
            .SelectMany(line => CodeLiteral().Matches(line).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.NotEmpty(defined);
        var missing = defined.Where(code => !catalog.Contains('`' + code + '`', StringComparison.Ordinal)).OrderBy(c => c, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Missing from specs/errors.md: " + string.Join(", ", missing));
    }

    [GeneratedRegex("""new(?: ErrorCode)?\("([a-z0-9_]+\.[a-z0-9_]+)"[,)]""")]
    private static partial Regex CodeLiteral();
}
