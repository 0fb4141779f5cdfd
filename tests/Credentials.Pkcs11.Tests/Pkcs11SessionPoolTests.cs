using System;
using System.Threading.Tasks;
using Credentials.Pkcs11;
using Xunit;

namespace Credentials.Pkcs11.Tests;

public sealed class Pkcs11SessionPoolTests
{
    [Fact]
    public async Task RentWaitingForAPermit_WhenTheTokenIsDisposed_ThrowsObjectDisposed_AndOpensNothing()
    {
        var (_, token) = TokenFixture.OpenNew("rentdisposed", maxSessions: 1);
        var pool = token.Sessions;

        // As a signing does: a lease, then a session.
        token.Enter();
        var held = await pool.RentAsync(default);
        token.Enter();
        var waiting = pool.RentAsync(default).AsTask();

        var disposing = token.DisposeAsync().AsTask();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        token.Exit();
        Assert.False(disposing.IsCompleted);
        Assert.Equal(1, pool.OpenSessions);

        pool.Return(held, broken: false);
        token.Exit();
        await disposing.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(0, pool.OpenSessions);
    }
}
