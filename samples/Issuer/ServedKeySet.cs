using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Keys.Rotation;

namespace Credentials.Samples.Issuer;

/// <summary>
/// The key set of <c>issuer serve --key-set FILE</c>: read from the file <c>issuer keys rotate</c> writes, and read
/// again when the file changes, so a rotation recorded while the server runs is published and used without a restart.
/// A file that cannot be read after a change leaves the last good set in place. A key inside a PKCS#11 token is opened
/// once per <c>pkcs11:</c> URI and reused by every set read again; a token key the new set no longer names is closed
/// (<see cref="Credentials.Pkcs11.Pkcs11Token.DisposeAsync"/>, which lets signings already inside the module finish).
/// Thread-safe.
/// </summary>
internal sealed class ServedKeySet : IDisposable
{
    private readonly string _path;
    private readonly TimeProvider _clock;
    private readonly object _gate = new();

    // Key files loaded stay open until the server stops (memory only): a credential being signed may hold the previous set.
    private readonly List<IDisposable> _signers = [];

    /// <summary>How long a token key a new set no longer names stays open: a request may hold the previous set.</summary>
    internal static readonly TimeSpan RetireGrace = TimeSpan.FromMinutes(2);

    // The open token keys by pkcs11: URI, reused across reloads; retired once a new set no longer names them.
    private readonly Dictionary<string, IssuerSigner> _tokens = new(StringComparer.Ordinal);

    // Token keys no set names any more, with the time they were dropped: closed once RetireGrace has passed (a request
    // that took the previous set just before the reload may still sign with them); reused if a set names them again.
    private readonly Dictionary<string, (IssuerSigner Signer, DateTimeOffset DroppedAt)> _retired = new(StringComparer.Ordinal);
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

        var stamp = Stamp(full);
        var served = new ServedKeySet(full, clock, null!, stamp);
        try
        {
            served._set = served.Reload();
            return served;
        }
        catch
        {
            served.Dispose();
            throw;
        }
    }

    /// <summary>How many PKCS#11 token keys are open (one per <c>pkcs11:</c> URI of the current set).</summary>
    internal int OpenTokenCount
    {
        get
        {
            lock (_gate)
            {
                return _tokens.Count;
            }
        }
    }

    /// <summary>How many dropped PKCS#11 token keys are still open, waiting for their grace period to end.</summary>
    internal int RetiredTokenCount
    {
        get
        {
            lock (_gate)
            {
                return _retired.Count;
            }
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
            CloseRetiredDue();
            if (stamp == _loadedStamp)
            {
                return _set;
            }

            try
            {
                _set = Reload();
            }
            catch (Exception ex) when (ex is CliException or IOException or ArgumentException or UnauthorizedAccessException or FormatException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
            {
                // A file being written, a key that cannot be opened or an invalid rotation: keep serving the last good set.
                // The file is read again when it changes (its write time or length); 'issuer keys rotate' replaces it in one step.
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
            foreach (var token in _tokens.Values)
            {
                token.Dispose();
            }

            _tokens.Clear();
            foreach (var (signer, _) in _retired.Values)
            {
                signer.Dispose();
            }

            _retired.Clear();
        }
    }

    // Under the lock: closes the dropped token keys whose grace period has ended.
    private void CloseRetiredDue()
    {
        if (_retired.Count == 0)
        {
            return;
        }

        var now = _clock.GetUtcNow();
        foreach (var (reference, (signer, droppedAt)) in _retired.ToList())
        {
            if (now - droppedAt >= RetireGrace)
            {
                _retired.Remove(reference);
                _ = CloseAsync(signer);
            }
        }
    }

    /// <summary>
    /// Reads the file (called under the lock, or before the instance is shared): token keys already open are reused,
    /// new ones opened; on success the token keys the new set does not name are retired (closed after <see cref="RetireGrace"/>), on failure the ones just opened are closed.
    /// </summary>
    private IssuerKeySet Reload()
    {
        var files = new List<IDisposable>();
        var opened = new Dictionary<string, IssuerSigner>(StringComparer.Ordinal);
        var named = new HashSet<string>(StringComparer.Ordinal);
        IssuerKeySet set;
        try
        {
            set = Load(_path, _clock, reference =>
            {
                if (!KeySetKeys.IsToken(reference))
                {
                    return KeySetKeys.Open(reference, files);
                }

                named.Add(reference);
                if (_tokens.TryGetValue(reference, out var open) || opened.TryGetValue(reference, out open))
                {
                    return open;
                }

                if (_retired.TryGetValue(reference, out var retired))
                {
                    return retired.Signer;
                }

                var owned = new List<IDisposable>();
                var signer = (IssuerSigner)KeySetKeys.Open(reference, owned);
                opened.Add(reference, signer);
                return signer;
            });
        }
        catch
        {
            files.ForEach(f => f.Dispose());
            foreach (var signer in opened.Values)
            {
                signer.Dispose();
            }

            throw;
        }

        _signers.AddRange(files);
        foreach (var (reference, signer) in opened)
        {
            _tokens.Add(reference, signer);
        }

        // A dropped token key the new set names again is back in use.
        foreach (var reference in _retired.Keys.Where(named.Contains).ToList())
        {
            _tokens.Add(reference, _retired[reference].Signer);
            _retired.Remove(reference);
        }

        // Not closed yet: a request that took the previous set from Current() before this reload may be about to sign.
        var now = _clock.GetUtcNow();
        foreach (var reference in _tokens.Keys.Where(r => !named.Contains(r)).ToList())
        {
            _retired.Add(reference, (_tokens[reference], now));
            _tokens.Remove(reference);
        }

        return set;
    }

    // Waits for the signings inside the module, then closes the token's sessions; never throws (nothing awaits it).
    private static async Task CloseAsync(IssuerSigner signer)
    {
        try
        {
            await signer.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Nothing observes this task: any failure to close (token removed, module failed) is dropped.
        catch (Exception)
#pragma warning restore CA1031
        {
            // The token is already gone (removed, or its module failed): there is nothing left to close.
        }
    }

    // A missing file reads as (1601-01-01, -1): a change, and a failed load keeps the last good set.
    private static (DateTime, long) Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }

    private static IssuerKeySet Load(string path, TimeProvider clock, Func<string, IPublicKeySigner> open)
    {
        try
        {
            return RotateCommand.LoadSet(path, clock, open);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(CliErrors.InvalidOption("--key-set", $"'{path}' is not a valid key set: {ex.Message}", "It is written by 'issuer keys rotate'."), ex);
        }
    }
}
