using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Pkcs11;
using Xunit;

namespace Credentials.Pkcs11.Tests;

public sealed class Pkcs11SessionPoolTests
{
    [Fact]
    public async Task RentWaitingForAPermit_WhenThePoolIsDisposed_ThrowsObjectDisposed_AndOpensNothing()
    {
        var (_, token) = TokenFixture.OpenNew("rentdisposed", maxSessions: 1);
        var pool = token.Sessions;
        var held = await pool.RentAsync(default);
        var waiting = pool.RentAsync(default).AsTask();

        token.Dispose();
        pool.Return(held, broken: false);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        Assert.Equal(0, pool.OpenSessions);
    }
}
