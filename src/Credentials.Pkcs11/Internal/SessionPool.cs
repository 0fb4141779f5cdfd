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
/// <remarks>
/// Lifetime: every rent happens under a lease of the owning <see cref="Pkcs11Token"/>. <see cref="Stop"/> refuses new
/// rents and wakes those waiting for a permit; sessions returned afterwards go back to the idle set, open, so that no
/// session of the token is closed while another is inside the module; <see cref="Dispose"/> runs once every lease has
/// ended and closes them all.
/// </remarks>
internal sealed class SessionPool : IDisposable
{
    private readonly ISlot _slot;
    private readonly object _slotLock;
    private readonly SemaphoreSlim _permits;
    private readonly ConcurrentBag<ISession> _idle = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _stopped;
    private int _disposed;
    private int _open;
    private int _rented;
    private int _maxRented;

    /// <param name="slot">The token's slot.</param>
    /// <param name="slotLock">The module's slot-table lock (<see cref="Pkcs11Modules.SlotLock"/>).</param>
    /// <param name="max">The most sessions open at once.</param>
    public SessionPool(ISlot slot, object slotLock, int max)
    {
        _slot = slot;
        _slotLock = slotLock;
        Max = max;
        _permits = new SemaphoreSlim(max, max);
    }

    public int Max { get; }

    /// <summary>Sessions of this pool open now (rented or idle).</summary>
    internal int OpenSessions => Volatile.Read(ref _open);

    /// <summary>Sessions rented now.</summary>
    internal int RentedSessions => Volatile.Read(ref _rented);

    /// <summary>The most sessions rented at once so far.</summary>
    internal int MaxRented => Volatile.Read(ref _maxRented);

    /// <summary>Takes an idle session or opens one, waiting for a permit when <see cref="Max"/> are rented.</summary>
    /// <exception cref="ObjectDisposedException">The pool was stopped before or while waiting.</exception>
    public async ValueTask<ISession> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopped) != 0, this);
        if (!_permits.Wait(0, CancellationToken.None))
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            try
            {
                await _permits.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(SessionPool));
            }
        }

        // The pool may have been stopped while this call waited for its permit.
        if (Volatile.Read(ref _stopped) != 0)
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
            // C_OpenSession looks the slot up in the module's slot table, which a listing may be changing (see
            // Pkcs11Modules.SlotLock); the lock is this module's only, and sessions are pooled, so this is rare.
            lock (_slotLock)
            {
                session = _slot.OpenSession(SessionType.ReadOnly);
            }

            Interlocked.Increment(ref _open);
        }
        catch (Net.Pkcs11Interop.Common.Pkcs11Exception e)
        {
            _permits.Release();
            throw Pkcs11Failures.From(e, "C_OpenSession");
        }

        return Rented(session);
    }

    /// <summary>Gives a rented session back: kept open for the next rent, or closed when the module reported it broken.</summary>
    public void Return(ISession session, bool broken)
    {
        Interlocked.Decrement(ref _rented);
        if (broken)
        {
            Close(session);
        }
        else
        {
            _idle.Add(session);
        }

        _permits.Release();
    }

    /// <summary>Refuses new rents and wakes the calls waiting for a permit (they throw <see cref="ObjectDisposedException"/>).</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _stopping.Cancel();
        }
    }

    /// <summary>Closes every session; called once no lease of the token is left, so none is rented.</summary>
    public void Dispose()
    {
        Stop();
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

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
