using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;

namespace Credentials.Samples.Web.Desk;

/// <summary>
/// The desk's one staff account, in the data folder (<c>desk-staff.json</c>): the user name and the password's hash
/// (ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>, PBKDF2), never the password. Created on first start
/// with a random password that is shown once. Wrong sign-ins are slowed down per user name typed and client address, and
/// per client address whatever the name: after <see cref="FreeFailures"/> (<see cref="FreeFailuresPerAddress"/>) wrong
/// attempts each further attempt must wait, <see cref="FirstDelay"/> and then twice as long after each failure, at most
/// <see cref="MaxDelay"/>. Another client is not slowed down, and an unknown user name is treated exactly like the
/// real one (same answers, same hashing work), so the answers do not tell whether an account exists. Thread-safe.
/// </summary>
public sealed class DeskStaffAccounts
{
    /// <summary>The account file's name in the data folder.</summary>
    public const string FileName = "desk-staff.json";

    /// <summary>The staff account's user name.</summary>
    public const string DefaultUserName = "staff";

    /// <summary>Wrong attempts for one user name from one client address before each further attempt must wait.</summary>
    public const int FreeFailures = 3;

    /// <summary>Wrong attempts from one client address (any user names) before each further attempt must wait.</summary>
    public const int FreeFailuresPerAddress = 10;

    /// <summary>Client address and name pairs remembered at most (the oldest quiet ones are forgotten first).</summary>
    public const int MaxTracked = 10_000;

    /// <summary>The first wait; doubled after each further wrong attempt.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait; a counter quiet for this long is forgotten.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<DeskStaffUser> s_hasher = new();
    private static readonly DeskStaffUser s_nobody = new("\0");
    private static readonly string s_nobodyHash = s_hasher.HashPassword(s_nobody, RandomNumberGenerator.GetHexString(32));
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly Dictionary<string, Attempts> _attempts = new(StringComparer.Ordinal);

    /// <summary>Reads the account of <paramref name="dataFolder"/> (see <see cref="EnsureCreated"/>).</summary>
    /// <param name="dataFolder">The app's data folder.</param>
    /// <param name="timeProvider">The clock of the lockout.</param>
    public DeskStaffAccounts(string dataFolder, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _path = Path.Combine(dataFolder, FileName);
        _time = timeProvider;
    }

    /// <summary>
    /// Creates the staff account in <paramref name="dataFolder"/> unless it exists; returns the new password (to show
    /// once), or <see langword="null"/> when the account existed.
    /// </summary>
    /// <param name="dataFolder">The app's data folder.</param>
    /// <param name="password">The password to set; a random one when <see langword="null"/>.</param>
    public static string? EnsureCreated(string dataFolder, string? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        var path = Path.Combine(dataFolder, FileName);
        if (File.Exists(path))
        {
            return null;
        }

        Directory.CreateDirectory(dataFolder);
        password ??= RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
        var user = new DeskStaffUser(DefaultUserName);
        Write(path, new JsonObject
        {
            ["user"] = user.UserName,
            ["hash"] = s_hasher.HashPassword(user, password),
        });
        return password;
    }

    /// <summary>
    /// Sets a new password for the staff account of <paramref name="dataFolder"/> (a forgotten password; also how tests
    /// sign in); returns the password.
    /// </summary>
    /// <param name="dataFolder">The app's data folder.</param>
    /// <param name="password">The new password; a random one when <see langword="null"/>.</param>
    public static string ResetPassword(string dataFolder, string? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        File.Delete(Path.Combine(dataFolder, FileName));
        return EnsureCreated(dataFolder, password)!;
    }

    /// <summary>
    /// Checks a sign-in from <paramref name="clientAddress"/>: <see cref="DeskSignInResult.LockedOut"/> (without looking
    /// at the password) while this name from this address, or this address, must wait; otherwise the password is checked
    /// and a wrong one makes the next wait longer. Each attempt counts as a wrong one from its start until its password
    /// is found right, so attempts sent in parallel are slowed down exactly like attempts sent one after another.
    /// </summary>
    /// <param name="userName">The user name typed.</param>
    /// <param name="password">The password typed.</param>
    /// <param name="clientAddress">The client's address (the connection's remote address).</param>
    public DeskSignInResult SignIn(string? userName, string? password, string clientAddress)
    {
        ArgumentNullException.ThrowIfNull(clientAddress);
        var name = (userName ?? string.Empty).Trim().ToUpperInvariant();
        var byName = "n\n" + clientAddress + "\n" + name;
        var byAddress = "a\n" + clientAddress;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (MustWait(byName, now) || MustWait(byAddress, now))
            {
                return DeskSignInResult.LockedOut;
            }

            // Counted as a failure before the password is checked (refunded on success): attempts made in parallel
            // cannot all pass this check while the first ones are still hashing.
            Fail(byName, FreeFailures, now);
            Fail(byAddress, FreeFailuresPerAddress, now);
        }

        PasswordVerificationResult verified;
        bool known;
        try
        {
            var account = JsonNode.Parse(File.ReadAllText(_path))!.AsObject();
            var user = new DeskStaffUser(account["user"]!.GetValue<string>());
            known = string.Equals(userName, user.UserName, StringComparison.Ordinal);

            // The same PBKDF2 work for an unknown name as for the real one.
            verified = s_hasher.VerifyHashedPassword(known ? user : s_nobody, known ? account["hash"]!.GetValue<string>() : s_nobodyHash, password ?? string.Empty);
        }
        catch
        {
            // The account file could not be read (for example while the password is being reset): no password was
            // checked, so the failure counted above is taken back before the error goes on.
            lock (_gate)
            {
                Refund(byName, FreeFailures);
                Refund(byAddress, FreeFailuresPerAddress);
            }

            throw;
        }

        if (!known || verified == PasswordVerificationResult.Failed)
        {
            return DeskSignInResult.Wrong;
        }

        lock (_gate)
        {
            _attempts.Remove(byName);
            Refund(byAddress, FreeFailuresPerAddress);
            return DeskSignInResult.Success;
        }
    }

    /// <summary>Takes back the failure counted for an attempt that succeeded, and the wait it may have caused.</summary>
    private void Refund(string key, int free)
    {
        if (!_attempts.TryGetValue(key, out var attempts))
        {
            return;
        }

        attempts.Failures--;
        if (attempts.Failures <= 0)
        {
            _attempts.Remove(key);
        }
        else
        {
            attempts.NotBefore = attempts.Failures >= free ? attempts.Last + Wait(attempts.Failures - free) : DateTimeOffset.MinValue;
        }
    }

    private static TimeSpan Wait(int doublings) => TimeSpan.FromTicks(Math.Min(FirstDelay.Ticks << Math.Min(doublings, 20), MaxDelay.Ticks));

    private bool MustWait(string key, DateTimeOffset now) => _attempts.TryGetValue(key, out var attempts) && now < attempts.NotBefore;

    private void Fail(string key, int free, DateTimeOffset now)
    {
        if (!_attempts.TryGetValue(key, out var attempts) || now - attempts.Last >= MaxDelay)
        {
            if (_attempts.Count >= MaxTracked)
            {
                Forget(now);
            }

            attempts = new Attempts();
            _attempts[key] = attempts;
        }

        attempts.Failures++;
        attempts.Last = now;
        if (attempts.Failures >= free)
        {
            attempts.NotBefore = now + Wait(attempts.Failures - free);
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, attempts) in _attempts.ToArray())
        {
            if (now - attempts.Last >= MaxDelay || now >= attempts.NotBefore)
            {
                _attempts.Remove(key);
            }
        }

        if (_attempts.Count >= MaxTracked)
        {
            // Still full of live counters: the oldest half goes.
            foreach (var key in _attempts.OrderBy(p => p.Value.Last).Take(MaxTracked / 2).Select(p => p.Key).ToArray())
            {
                _attempts.Remove(key);
            }
        }
    }

    private sealed class Attempts
    {
        public int Failures;
        public DateTimeOffset Last;
        public DateTimeOffset NotBefore;
    }

    private static void Write(string path, JsonObject account)
    {
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            account.WriteTo(writer);
        }

        File.Move(temp, path, overwrite: true);
    }
}
