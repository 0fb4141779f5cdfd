using System;
using System.Collections.Generic;
using System.IO;
using Credentials.Keys;
using Credentials.Keys.Rotation;

namespace Credentials.Samples.Issuer;

/// <summary>
/// The key set of <c>issuer serve --key-set FILE</c>: read from the file <c>issuer keys rotate</c> writes, and read
/// again when the file changes, so a rotation recorded while the server runs is published and used without a restart.
/// A file that cannot be read after a change leaves the last good set in place. Thread-safe.
/// </summary>
internal sealed class ServedKeySet : IDisposable
{
    private readonly string _path;
    private readonly TimeProvider _clock;
    private readonly object _gate = new();

    // Every key ever loaded stays open until the server stops: a credential being signed may hold the previous set.
    private readonly List<IDisposable> _signers = [];
    private IssuerKeySet _set;
    private (DateTime WriteTime, long Length) _loadedStamp;

    private ServedKeySet(string path, TimeProvider clock, IssuerKeySet set, (DateTime, long) stamp)
    {
        _path = path;
        _clock = clock;
        _set = set;
        _loadedStamp = stamp;
    }

    /// <summary>Reads the key set at start-up; a missing or invalid file is a usage error.</summary>
    public static ServedKeySet Open(string path, TimeProvider clock)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new CliException(CliErrors.InvalidOption("--key-set", $"'{path}' does not exist.", "Create it with 'issuer keys rotate --set FILE --current KEY --next KEY --activate-at DATE'."));
        }

        var signers = new List<IDisposable>();
        try
        {
            var stamp = Stamp(full);
            var set = Load(full, clock, signers);
            var served = new ServedKeySet(full, clock, set, stamp);
            served._signers.AddRange(signers);
            return served;
        }
        catch
        {
            signers.ForEach(s => s.Dispose());
            throw;
        }
    }

    /// <summary>The current key set, read again first if the file changed since it was last read.</summary>
    public IssuerKeySet Current()
    {
        (DateTime, long) stamp;
        try
        {
            stamp = Stamp(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return _set;
        }

        lock (_gate)
        {
            if (stamp == _loadedStamp)
            {
                return _set;
            }

            var signers = new List<IDisposable>();
            try
            {
                _set = Load(_path, _clock, signers);
                _signers.AddRange(signers);
            }
            catch (Exception ex) when (ex is CliException or IOException or ArgumentException or UnauthorizedAccessException or FormatException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
            {
                // A file being written, a key that cannot be opened or an invalid rotation: keep serving the last good set.
                // The file is read again when it changes (its write time or length); 'issuer keys rotate' replaces it in one step.
                signers.ForEach(s => s.Dispose());
            }

            _loadedStamp = stamp;
            return _set;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _signers.ForEach(s => s.Dispose());
            _signers.Clear();
        }
    }

    // A missing file reads as (1601-01-01, -1): a change, and a failed load keeps the last good set.
    private static (DateTime, long) Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }

    private static IssuerKeySet Load(string path, TimeProvider clock, List<IDisposable> signers)
    {
        try
        {
            return RotateCommand.LoadSet(path, clock, signers);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(CliErrors.InvalidOption("--key-set", $"'{path}' is not a valid key set: {ex.Message}", "It is written by 'issuer keys rotate'."), ex);
        }
    }
}
