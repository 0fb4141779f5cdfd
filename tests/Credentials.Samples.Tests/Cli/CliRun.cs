using System;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Samples.Issuer;

namespace Credentials.Samples.Tests.Cli;

/// <summary>Runs an app's root command in-process with captured output.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> IssuerAsync(TimeProvider clock, params string[] args)
        => await RunAsync(IssuerApp.CreateRootCommand, clock, args);

    public static async Task<CliRun> RunAsync(Func<CliHost, RootCommand> create, TimeProvider clock, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(output, error, clock, UiLanguage.English, _ => null);
        var exit = await CliApp.InvokeAsync(create(host), args, host);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Output);
            return document.RootElement.Clone();
        }
    }

    public string? ErrorCode => Json.GetProperty("error").GetProperty("code").GetString();
}
