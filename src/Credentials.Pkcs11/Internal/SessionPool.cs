using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Pkcs11.Internal;

/// <summary>
/// Read-only sessions for signing, at most <c>max</c> open at once. PKCS#11 v2.40 section 2.6.7: a session is used by
/// one thread at a time, and every session of the application shares the login state of the token, so a session
/// opened after the login can sign without logging in again.
/// </summary>
internal sealed class SessionPool : IDisposable
{
    private readonly ISlot _slot;
    private readonly SemaphoreSlim _permits;
    private readonly ConcurrentBag<ISession> _idle = [];
    private int _disposed;
    private int _open;
    private int _rented;
    private int _maxRented;

    public SessionPool(ISlot slot, int max)
    {
        _slot = slot;
        Max = max;
        _permits = new SemaphoreSlim(max, max);
    }

    public int Max { get; }

    /// <summary>Sessions of this pool open now (rented or idle).</summary>
    internal int OpenSessions => Volatile.Read(ref _open);

    /// <summary>The most sessions rented at once so far.</summary>
    internal int MaxRented => Volatile.Read(ref _maxRented);

    public async ValueTask<ISession> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_permits.Wait(0, CancellationToken.None))
        {
            await _permits.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        // The pool may have been disposed while this call waited for its permit.
        if (Volatile.Read(ref _disposed) != 0)
        {
            _permits.Release();
            throw new ObjectDisposedException(nameof(SessionPool));
        }

        if (_idle.TryTake(out var session))
        {
            return Rented(session);
        }

        try
        {
            session = _slot.OpenSession(SessionType.ReadOnly);
            Interlocked.Increment(ref _open);
        }
        catch (Net.Pkcs11Interop.Common.Pkcs11Exception e)
        {
            _permits.Release();
            throw Pkcs11Failures.From(e, "C_OpenSession");
        }

        if (Volatile.Read(ref _disposed) != 0)
        {
            Close(session);
            _permits.Release();
            throw new ObjectDisposedException(nameof(SessionPool));
        }

        return Rented(session);
    }

    public void Return(ISession session, bool broken)
    {
        Interlocked.Decrement(ref _rented);
        if (broken || Volatile.Read(ref _disposed) != 0)
        {
            Close(session);
        }
        else
        {
            _idle.Add(session);

            // A Dispose between the check above and the Add has drained the bag already: drain it again.
            if (Volatile.Read(ref _disposed) != 0)
            {
                Drain();
            }
        }

        _permits.Release();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Drain();
    }

    private void Drain()
    {
        while (_idle.TryTake(out var session))
        {
            Close(session);
        }
    }

    private ISession Rented(ISession session)
    {
        var rented = Interlocked.Increment(ref _rented);
        var max = Volatile.Read(ref _maxRented);
        while (rented > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxRented, rented, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }

        return session;
    }

    private void Close(ISession session)
    {
        Interlocked.Decrement(ref _open);
        try
        {
            session.Dispose();
        }
        catch (Net.Pkcs11Interop.Common.Pkcs11Exception)
        {
            // The session is gone either way (token removed, module finalised).
        }
    }
}
