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

    public SessionPool(ISlot slot, int max)
    {
        _slot = slot;
        Max = max;
        _permits = new SemaphoreSlim(max, max);
    }

    public int Max { get; }

    public async ValueTask<ISession> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_permits.Wait(0, CancellationToken.None))
        {
            await _permits.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_idle.TryTake(out var session))
        {
            return session;
        }

        try
        {
            return _slot.OpenSession(SessionType.ReadOnly);
        }
        catch (Net.Pkcs11Interop.Common.Pkcs11Exception e)
        {
            _permits.Release();
            throw Pkcs11Failures.From(e, "C_OpenSession");
        }
    }

    public void Return(ISession session, bool broken)
    {
        if (broken || Volatile.Read(ref _disposed) != 0)
        {
            Close(session);
        }
        else
        {
            _idle.Add(session);
        }

        _permits.Release();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        while (_idle.TryTake(out var session))
        {
            Close(session);
        }
    }

    private static void Close(ISession session)
    {
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
