using System;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;

namespace Credentials.Samples.Web.Desk;

/// <summary>
/// The desk's one staff account, in the data folder (<c>desk-staff.json</c>): the user name and the password's hash
/// (ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>, PBKDF2), never the password. Created on first start
/// with a random password that is shown once. After <see cref="MaxFailures"/> wrong passwords in a row the account is
/// locked for <see cref="LockoutDuration"/>. Thread-safe.
/// </summary>
public sealed class DeskStaffAccounts
{
    /// <summary>The account file's name in the data folder.</summary>
    public const string FileName = "desk-staff.json";

    /// <summary>The staff account's user name.</summary>
    public const string DefaultUserName = "staff";

    /// <summary>Wrong passwords in a row before the account is locked.</summary>
    public const int MaxFailures = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<DeskStaffUser> s_hasher = new();
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly object _gate = new();

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
            ["failures"] = 0,
            ["lockedUntil"] = null,
        });
        return password;
    }

    /// <summary>
    /// Sets a new password for the staff account of <paramref name="dataFolder"/> (a forgotten password; also how tests
    /// sign in) and lifts any lockout; returns the password.
    /// </summary>
    /// <param name="dataFolder">The app's data folder.</param>
    /// <param name="password">The new password; a random one when <see langword="null"/>.</param>
    public static string ResetPassword(string dataFolder, string? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        File.Delete(Path.Combine(dataFolder, FileName));
        return EnsureCreated(dataFolder, password)!;
    }

    /// <summary>Checks a sign-in; counts a wrong password towards the lockout and resets the count on success.</summary>
    /// <param name="userName">The user name typed.</param>
    /// <param name="password">The password typed.</param>
    public DeskSignInResult SignIn(string? userName, string? password)
    {
        lock (_gate)
        {
            var account = JsonNode.Parse(File.ReadAllText(_path))!.AsObject();
            var now = _time.GetUtcNow();
            if (account["lockedUntil"] is JsonValue until && until.GetValue<long>() > now.ToUnixTimeMilliseconds())
            {
                return DeskSignInResult.LockedOut;
            }

            var user = new DeskStaffUser(account["user"]!.GetValue<string>());
            var right = string.Equals(userName, user.UserName, StringComparison.Ordinal)
                && s_hasher.VerifyHashedPassword(user, account["hash"]!.GetValue<string>(), password ?? string.Empty) != PasswordVerificationResult.Failed;
            if (right)
            {
                account["failures"] = 0;
                account["lockedUntil"] = null;
                Write(_path, account);
                return DeskSignInResult.Success;
            }

            var failures = account["failures"]!.GetValue<int>() + 1;
            if (failures >= MaxFailures)
            {
                account["failures"] = 0;
                account["lockedUntil"] = (now + LockoutDuration).ToUnixTimeMilliseconds();
                Write(_path, account);
                return DeskSignInResult.LockedOut;
            }

            account["failures"] = failures;
            Write(_path, account);
            return DeskSignInResult.Wrong;
        }
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
