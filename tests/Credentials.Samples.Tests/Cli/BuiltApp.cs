using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;
using Credentials.Testing;

namespace Credentials.Samples;

/// <summary>What one run of a built app as a process produced.</summary>
internal sealed record ProcessRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// The sample apps as built next to this solution (samples/APP/bin/CONFIGURATION/net10.0/ASSEMBLY.dll), run as real
/// processes. A test project may run only an app it has a ProjectReference to, so the app is always built before the
/// tests run, whatever order the solution builds in; <see cref="PathOf"/> checks that.
/// </summary>
internal static class BuiltApp
{
    /// <summary>The sample apps: project folder under samples/ and assembly name.</summary>
    public static IReadOnlyDictionary<string, string> Assemblies { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Issuer"] = "issuer",
        ["Holder"] = "holder",
        ["Verifier"] = "verifier",
        ["Demo"] = "Demo",
    };

    /// <summary>The configuration this test assembly was built in (tests/X/bin/CONFIGURATION/net10.0/).</summary>
    public static string Configuration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>The samples/ projects the running test project references (its build inputs).</summary>
    public static IReadOnlySet<string> ReferencedApps(string testProject)
    {
        var csproj = Path.Combine(RepositoryRoot.Path, "tests", testProject, testProject + ".csproj");
        return XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(r => ((string?)r.Attribute("Include") ?? string.Empty).Replace('\\', '/'))
            .Where(p => p.StartsWith("../../samples/", StringComparison.Ordinal))
            .Select(p => p.Split('/')[3])
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The built app's entry assembly; fails when this test project does not build it first.</summary>
    public static string PathOf(string app)
    {
        var testProject = Assembly.GetExecutingAssembly().GetName().Name!;
        if (!ReferencedApps(testProject).Contains(app))
        {
            throw new InvalidOperationException($"{testProject} runs samples/{app} but has no ProjectReference to it: add one (ReferenceOutputAssembly=\"false\" is enough) so it is built first.");
        }

        var path = Path.Combine(RepositoryRoot.Path, "samples", app, "bin", Configuration, "net10.0", Assemblies[app] + ".dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing although {testProject} references it; build the test project.");
    }

    /// <summary>
    /// Runs the app with <paramref name="args"/>. The language variables of this process are removed first, so only
    /// <paramref name="environment"/> decides the language (English when it sets none).
    /// </summary>
    public static async Task<ProcessRun> RunAsync(string app, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? RepositoryRoot.Path,
        };
        start.ArgumentList.Add(PathOf(app));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { UiLanguages.OverrideVariable, "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "CREDENTIALS_WALLET", "CREDENTIALS_WALLET_PASSPHRASE", "CREDENTIALS_DEBUG" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessRun(process.ExitCode, await stdout, await stderr);
    }
}
