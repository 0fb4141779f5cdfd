using System.Linq;
using Xunit;

namespace Credentials.Samples.Tests.Session;

/// <summary>
/// A first <c>dotnet test Credentials.sln</c> on a fresh clone passes only if every app a test runs is built before the
/// tests run, whatever order the solution builds projects in: each samples test project references every app it runs.
/// </summary>
public sealed class BuildInputsTests
{
    [Theory]
    // The README session runs issuer, holder and verifier from samples/*/bin; the Demo and the issuer run in-process.
    [InlineData("Credentials.Samples.Tests", new[] { "Issuer", "Holder", "Verifier", "Demo" })]
    // The holder and verifier run in-process and as processes (holder.dll on a full tmpfs, --help in Japanese).
    [InlineData("Credentials.Samples.Apps.Tests", new[] { "Holder", "Verifier" })]
    public void TestProject_ReferencesEveryAppItRuns(string testProject, string[] apps)
    {
        var referenced = BuiltApp.ReferencedApps(testProject);

        var missing = apps.Where(app => !referenced.Contains(app)).ToList();
        Assert.True(missing.Count == 0, $"{testProject} runs {string.Join(", ", missing)} without a ProjectReference: it may run before they are built.");
    }
}
