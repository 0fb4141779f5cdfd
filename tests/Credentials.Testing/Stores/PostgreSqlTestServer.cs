using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Credentials.Testing.Stores;

/// <summary>
/// A PostgreSQL server for tests. <see cref="GetConnectionStringAsync"/> creates a fresh, empty database on it per call.
/// The server is the one named by the <c>CREDENTIALS_POSTGRES</c> environment variable (a connection string to a
/// server whose user may create databases, as <c>.ci/run</c> sets it), or else a throwaway cluster this class starts
/// once per test process (initdb and pg_ctl from PATH or <c>/usr/lib/postgresql/*/bin</c>; as the unprivileged user
/// <c>postgres</c> or <c>nobody</c> when running as root), on 127.0.0.1 with a free port, trust authentication and no
/// Unix socket, stopped and deleted when the process exits. Without a server the tests fail, they never skip.
/// </summary>
public static class PostgreSqlTestServer
{
    /// <summary>The environment variable naming the server: an Npgsql connection string, for example <c>Host=127.0.0.1;Port=5432;Username=postgres</c>.</summary>
    public const string EnvironmentVariable = "CREDENTIALS_POSTGRES";

    private static readonly Lazy<Task<string>> s_server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int s_databases;

    /// <summary>A connection string to a new, empty database of its own (no tables, no schema but <c>public</c>).</summary>
    /// <returns>The connection string.</returns>
    /// <exception cref="InvalidOperationException">No server is configured and none could be started.</exception>
    public static async Task<string> GetConnectionStringAsync()
    {
        var server = await s_server.Value.ConfigureAwait(false);
        var name = string.Create(CultureInfo.InvariantCulture, $"credentials_test_{Environment.ProcessId}_{Interlocked.Increment(ref s_databases)}_{Guid.NewGuid():N}");
        name = name[..Math.Min(name.Length, 63)];
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);

            // A database name cannot be a parameter; this one is made above of letters, digits and underscores.
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0;", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        return await ThrowawayCluster.StartAsync().ConfigureAwait(false);
    }

    /// <summary>A cluster in a temporary folder, started with pg_ctl and stopped at process exit.</summary>
    private sealed class ThrowawayCluster
    {
        private readonly string _directory;
        private readonly string _pgCtl;
        private readonly string[] _asUser;

        private ThrowawayCluster(string directory, string pgCtl, string[] asUser)
        {
            _directory = directory;
            _pgCtl = pgCtl;
            _asUser = asUser;
        }

        private string DataDirectory => Path.Combine(_directory, "data");

        public static async Task<string> StartAsync()
        {
            var bin = FindBinDirectory() ?? throw new InvalidOperationException(
                $"No PostgreSQL server for the tests: set {EnvironmentVariable} to a server connection string, or install PostgreSQL (initdb and pg_ctl on PATH or in /usr/lib/postgresql/*/bin; Debian: apt-get install postgresql).");
            var asUser = RunAsUser();
            var directory = Directory.CreateTempSubdirectory("credentials-pg-").FullName;
            var cluster = new ThrowawayCluster(directory, Path.Combine(bin, "pg_ctl"), asUser);

            // A watchdog in its own session stops the server and deletes the folder once this process is gone, even
            // when it is killed (the test host may be ended before its exit handlers finish).
            cluster.StartWatchdog();
            if (asUser.Length > 0)
            {
                // The unprivileged user must own the folder (postgres refuses to run as root).
                await RunAsync("chown", ["-R", asUser[2], directory], []).ConfigureAwait(false);
            }

            await cluster.RunAsync(Path.Combine(bin, "initdb"), ["-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]).ConfigureAwait(false);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
            var log = Path.Combine(directory, "server.log");
            int port;
            for (var attempt = 1; ; attempt++)
            {
                // The port is free when picked, but another process may bind it before the server does: then the
                // server logs that the address is in use, and it is started again on a fresh port (a few times).
                port = FreePort();
                var options = $"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='' -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
                var logged = File.Exists(log) ? new FileInfo(log).Length : 0;
                try
                {
                    await cluster.RunAsync(cluster._pgCtl, ["-D", cluster.DataDirectory, "-l", log, "-o", options, "-w", "-t", "60", "start"]).ConfigureAwait(false);
                    break;
                }
                catch (InvalidOperationException) when (attempt < 5 && AddressWasInUse(log, logged))
                {
                }
            }

            return new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", MaxPoolSize = 100 }.ConnectionString;
        }

        private void StartWatchdog()
        {
            var stop = string.Join(' ', _asUser.Append(_pgCtl).Concat(["-D", DataDirectory, "-m", "immediate", "-w", "-t", "20", "stop"]).Select(a => "'" + a + "'"));
            var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 1; done; if [ -f '{DataDirectory}/postmaster.pid' ]; then {stop}; fi; rm -rf '{_directory}'";
            var info = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "/bin/sh")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (info.FileName.EndsWith("setsid", StringComparison.Ordinal))
            {
                info.ArgumentList.Add("/bin/sh");
            }

            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(script);
            using var process = Process.Start(info);
        }

        private void Stop()
        {
            try
            {
                using var process = Process.Start(Start(_pgCtl, ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "20", "stop"], _asUser));
                process?.WaitForExit(TimeSpan.FromSeconds(30));
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
            }

            // The server may still be closing files for a moment after pg_ctl returns.
            for (var attempt = 0; attempt < 10 && Directory.Exists(_directory); attempt++)
            {
                try
                {
                    Directory.Delete(_directory, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Thread.Sleep(200);
                }
            }
        }

        private Task RunAsync(string file, string[] arguments) => ThrowawayCluster.RunAsync(file, arguments, _asUser);

        private static async Task RunAsync(string file, string[] arguments, string[] asUser)
        {
            using var process = Process.Start(Start(file, arguments, asUser))
                ?? throw new InvalidOperationException($"Could not start {file}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}: {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
            }
        }

        private static ProcessStartInfo Start(string file, string[] arguments, string[] asUser)
        {
            var info = new ProcessStartInfo(asUser.Length > 0 ? asUser[0] : file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetTempPath(),
            };
            foreach (var argument in asUser.Skip(1).Concat(asUser.Length > 0 ? [file] : []).Concat(arguments))
            {
                info.ArgumentList.Add(argument);
            }

            return info;
        }

        /// <summary>As root: <c>runuser -u USER --</c> with the first of postgres or nobody that exists; else nothing.</summary>
        private static string[] RunAsUser()
        {
            if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            {
                return [];
            }

            var runuser = new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser" }.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("Running as root, and runuser is missing: PostgreSQL cannot run as root.");
            var users = File.ReadAllLines("/etc/passwd").Select(line => line.Split(':')[0]).ToHashSet(StringComparer.Ordinal);
            var user = new[] { "postgres", "nobody" }.FirstOrDefault(users.Contains)
                ?? throw new InvalidOperationException("Running as root, and neither the postgres nor the nobody user exists to run PostgreSQL.");
            return [runuser, "-u", user, "--"];
        }

        private static string? FindBinDirectory()
        {
            var candidates = new List<string>();
            foreach (var entry in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                if (File.Exists(Path.Combine(entry, "initdb")) && File.Exists(Path.Combine(entry, "pg_ctl")))
                {
                    return entry;
                }
            }

            if (Directory.Exists("/usr/lib/postgresql"))
            {
                // The newest installed major version.
                candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                    .Select(d => Path.Combine(d, "bin")));
            }

            return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        }

        /// <summary>Whether the server logged, after <paramref name="offset"/>, that its address was in use.</summary>
        private static bool AddressWasInUse(string log, long offset)
        {
            if (!File.Exists(log))
            {
                return false;
            }

            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(offset, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Contains("Address already in use", StringComparison.OrdinalIgnoreCase);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
