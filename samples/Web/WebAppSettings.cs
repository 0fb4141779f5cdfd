using System;
using System.IO;

namespace Credentials.Samples.Web;

/// <summary>How <see cref="WebApp.Build"/> starts the app: where its data lives, where it listens, and its clock.</summary>
public sealed record WebAppSettings
{
    /// <summary>The default data folder: <c>credentials-samples/web</c> under the user's local application data.</summary>
    public static string DefaultDataDirectory { get; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "credentials-samples",
        "web");

    /// <summary>The folder of the sample keys and data (created on first start).</summary>
    public string DataDirectory { get; init; } = DefaultDataDirectory;

    /// <summary>The loopback port to listen on; 0 picks a free one (the tests do).</summary>
    public int Port { get; init; } = 5180;

    /// <summary>The clock of every time decision (the tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The hosting environment name. Default <c>Production</c>.</summary>
    public string EnvironmentName { get; init; } = "Production";

    /// <summary>Command-line style configuration passed on to the host (for example <c>--Logging:LogLevel:Default=Debug</c>).</summary>
    public string[] Arguments { get; init; } = [];
}
