using System;
using System.IO;
using System.Threading.Tasks;
using Credentials.Samples.Tests.Cli;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

/// <summary>A temporary working directory and helpers to run <c>issuer</c> in-process.</summary>
public abstract class IssuerTestBase : IDisposable
{
    protected IssuerTestBase()
    {
        Directory.CreateDirectory(Root);
    }

    protected string Root { get; } = Path.Combine(Path.GetTempPath(), "issuer-tests-" + Guid.NewGuid().ToString("N"));

    protected FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    protected string PathOf(string name) => Path.Combine(Root, name);

    protected static string SampleClaims(string type) => Path.Combine(AppContext.BaseDirectory, "sample-data", type + ".json");

    internal Task<CliRun> RunAsync(params string[] args) => CliRun.IssuerAsync(Clock, args);

    internal async Task<CliRun> RunOkAsync(params string[] args)
    {
        var run = await RunAsync(args);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}{run.Output}");
        return run;
    }

    /// <summary>Creates a key pair: private JWK at NAME.jwk, public at NAME.pub.jwk.</summary>
    protected async Task<string> CreateKeyAsync(string name, string alg = "ES256")
    {
        await RunOkAsync("keys", "create", "--alg", alg, "--out", PathOf(name + ".jwk"), "--public-out", PathOf(name + ".pub.jwk"));
        return PathOf(name + ".jwk");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }
}
