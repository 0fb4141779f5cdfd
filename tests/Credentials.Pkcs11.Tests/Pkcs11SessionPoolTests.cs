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

    [Fact]
    public async Task DisposingWhileSigning_OnlyThrowsObjectDisposed_AndClosesEverySession()
    {
        var (_, token) = TokenFixture.OpenNew("disposerace", maxSessions: 4);
        var signer = token.GenerateKeyPair(JwsAlgorithm.Es256, "race", TokenFixture.NewId());
        var tasks = Enumerable.Range(0, 300).Select(i => Task.Run(async () => await signer.SignAsync(new byte[] { (byte)i }))).ToArray();
        await Task.Delay(5);

        token.Dispose();
        List<Exception> failures = [];
        foreach (var task in tasks)
        {
            try
            {
                await task;
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }

        Assert.All(failures, e => Assert.IsType<ObjectDisposedException>(e));
        Assert.Equal(0, token.Sessions.OpenSessions);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await signer.SignAsync(new byte[] { 1 }));
    }
}
