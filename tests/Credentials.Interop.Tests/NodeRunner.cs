using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Interop.Tests;

/// <summary>
/// Runs the Node.js interop scripts in the test output's <c>node/</c> folder. On first use it installs the npm peers
/// pinned in <c>node/package.json</c> (<c>npm install --no-package-lock --no-audit --no-fund</c>) into
/// <c>node/node_modules</c> next to the test assembly, once per process and guarded by a file lock across processes;
/// later runs reuse the installation until <c>package.json</c> changes.
/// </summary>
/// <remarks>
/// Use the shared instance (<see cref="Shared"/>) or take it as an xUnit class/collection fixture; every instance shares
/// the same installation. Node.js must be on <c>PATH</c>: if it is not, <see cref="RunAsync"/> throws with a clear
/// message, so the test fails instead of being skipped.
/// </remarks>
public sealed class NodeRunner
{
    /// <summary>How long one script may run.</summary>
    public static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long the one-time <c>npm install</c> may take.</summary>
    public static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    private const string StampFileName = ".credentials-install-stamp";
    private static readonly SemaphoreSlim s_installGate = new(1, 1);
    private static volatile bool s_installed;

    /// <summary>The shared runner.</summary>
    public static NodeRunner Shared { get; } = new();

    /// <summary>The folder that holds <c>package.json</c>, the <c>*.mjs</c> scripts and <c>node_modules</c>.</summary>
    public static string NodeDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "node");

    /// <summary>How long the npm install of this process took (<see cref="TimeSpan.Zero"/> when it was already installed).</summary>
    public static TimeSpan InstallDuration { get; private set; }

    /// <summary>
    /// Runs <c>node &lt;scriptName&gt; args…</c> in <see cref="NodeDirectory"/>, writing <paramref name="stdin"/> (UTF-8)
    /// to its standard input, and returns its standard output. Installs the npm peers first if needed.
    /// </summary>
    /// <param name="scriptName">The script file name in <c>node/</c>, for example <c>jose-verify.mjs</c>.</param>
    /// <param name="stdin">Text for the script's standard input (usually JSON), or <see langword="null"/>.</param>
    /// <param name="args">Command-line arguments for the script.</param>
    /// <returns>The script's standard output.</returns>
    /// <exception cref="InvalidOperationException">Node.js or npm is missing, npm install failed, or the script exited non-zero (the message carries its stderr).</exception>
    /// <exception cref="TimeoutException">The script ran longer than <see cref="ScriptTimeout"/>.</exception>
    public async Task<string> RunAsync(string scriptName, string? stdin = null, params string[] args)
    {
        ArgumentException.ThrowIfNullOrEmpty(scriptName);
        ArgumentNullException.ThrowIfNull(args);
        var script = Path.Combine(NodeDirectory, scriptName);
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"The interop script '{script}' does not exist; node/*.mjs are copied to the test output by the csproj.");
        }

        await EnsureInstalledAsync().ConfigureAwait(false);

        var arguments = new string[args.Length + 1];
        arguments[0] = script;
        args.CopyTo(arguments, 1);
        var result = await RunProcessAsync("node", arguments, stdin, ScriptTimeout).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {scriptName} exited with code {result.ExitCode}.{Environment.NewLine}stderr:{Environment.NewLine}{result.Stderr}{Environment.NewLine}stdout:{Environment.NewLine}{result.Stdout}");
        }

        return result.Stdout;
    }

    /// <summary>Installs the pinned npm peers unless an installation for the current <c>package.json</c> exists.</summary>
    /// <returns>A task that completes when the peers are installed.</returns>
    public static async Task EnsureInstalledAsync()
    {
        if (s_installed)
        {
            return;
        }

        await s_installGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (s_installed)
            {
                return;
            }

            var packageJson = Path.Combine(NodeDirectory, "package.json");
            if (!File.Exists(packageJson))
            {
                throw new InvalidOperationException($"'{packageJson}' does not exist; node/package.json is copied to the test output by the csproj.");
            }

            var expectedStamp = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(packageJson).ConfigureAwait(false)));
            var stampPath = Path.Combine(NodeDirectory, "node_modules", StampFileName);

            // Another test process (an IDE and a CLI run at once) may install into the same folder: lock across processes.
            using var crossProcessLock = await AcquireFileLockAsync(Path.Combine(NodeDirectory, ".install.lock")).ConfigureAwait(false);
            if (!IsStampCurrent(stampPath, expectedStamp))
            {
                await CheckNodeAsync().ConfigureAwait(false);
                var stopwatch = Stopwatch.StartNew();
                var (file, arguments) = NpmCommand("install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error");
                var install = await RunProcessAsync(file, arguments, null, InstallTimeout).ConfigureAwait(false);

                // A registry hiccup on a fresh clone should not fail the whole assembly: two more tries, a little apart.
                for (var attempt = 1; attempt < 3 && install.ExitCode != 0; attempt++)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5 * attempt)).ConfigureAwait(false);
                    install = await RunProcessAsync(file, arguments, null, InstallTimeout).ConfigureAwait(false);
                }

                if (install.ExitCode != 0)
                {
                    throw new InvalidOperationException($"npm install in '{NodeDirectory}' failed with code {install.ExitCode}.{Environment.NewLine}{install.Stderr}{Environment.NewLine}{install.Stdout}");
                }

                InstallDuration = stopwatch.Elapsed;
                await File.WriteAllTextAsync(stampPath, expectedStamp).ConfigureAwait(false);
            }

            s_installed = true;
        }
        finally
        {
            s_installGate.Release();
        }
    }

    private static bool IsStampCurrent(string stampPath, string expected)
        => File.Exists(stampPath) && string.Equals(File.ReadAllText(stampPath).Trim(), expected, StringComparison.Ordinal);

    private static async Task CheckNodeAsync()
    {
        var version = await RunProcessAsync("node", ["--version"], null, ScriptTimeout).ConfigureAwait(false);
        if (version.ExitCode != 0)
        {
            throw new InvalidOperationException($"'node --version' failed: {version.Stderr}");
        }
    }

    private static (string File, string[] Arguments) NpmCommand(params string[] arguments)
    {
        if (!OperatingSystem.IsWindows())
        {
            return ("npm", arguments);
        }

        // npm is a .cmd shim on Windows; it has to go through the command interpreter.
        var all = new string[arguments.Length + 3];
        all[0] = "/d";
        all[1] = "/c";
        all[2] = "npm";
        arguments.CopyTo(all, 3);
        return ("cmd.exe", all);
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < InstallTimeout)
            {
                await Task.Delay(250).ConfigureAwait(false);
            }
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunProcessAsync(string file, string[] arguments, string? stdin, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(file)
        {
            WorkingDirectory = NodeDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["NO_UPDATE_NOTIFIER"] = "1";
        startInfo.Environment["npm_config_update_notifier"] = "false";

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"Could not start '{file}': Node.js (with npm) must be installed and on PATH to run the interop tests. {ex.Message}", ex);
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The process exited before reading its input; its exit code and stderr tell why.
        }
        finally
        {
            process.StandardInput.Close();
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{file} {string.Join(' ', arguments)}' did not finish within {timeout.TotalSeconds} s. stderr so far: {await ReadSafelyAsync(stderr).ConfigureAwait(false)}");
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private static async Task<string> ReadSafelyAsync(Task<string> read)
    {
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        return finished == read && read.IsCompletedSuccessfully ? read.Result : string.Empty;
    }
}
