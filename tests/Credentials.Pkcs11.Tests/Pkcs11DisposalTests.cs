using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Pkcs11;
using Credentials.Pkcs11.Internal;
using Credentials.Testing.Pkcs11;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Xunit;

namespace Credentials.Pkcs11.Tests;

/// <summary>Disposing a token while signings run: leases keep every session open until the calls inside the module return.</summary>
public sealed class Pkcs11DisposalTests
{
    private const int Signings = 300;

    [Fact]
    public async Task Dispose_UnderHundredsOfSigningsInFlight_EachVerifiesOrIsObjectDisposed_AndEverySessionCloses()
        => await DisposeUnderLoad(token =>
        {
            token.Dispose();
            return Task.CompletedTask;
        });

    [Fact]
    public async Task DisposeAsync_UnderHundredsOfSigningsInFlight_EachVerifiesOrIsObjectDisposed_AndEverySessionCloses()
        => await DisposeUnderLoad(async token => await token.DisposeAsync());

    [Fact]
    public async Task Dispose_WhileACallIsInsideTheModule_PastTheTimeout_KeepsTheSessionsOpenUntilItReturns()
    {
        var soft = SoftHsm.CreateToken("leak");
        var token = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()), new Pkcs11TokenOptions { DisposeTimeout = TimeSpan.FromMilliseconds(1) });
        var signer = token.GenerateKeyPair(JwsAlgorithm.Es256, "leak", TokenFixture.NewId());
        await signer.SignAsync(new byte[] { 1 });
        Assert.Equal(1, token.Sessions.OpenSessions);

        // A call still inside the module holds a lease: the disposal gives up waiting and closes nothing.
        token.Enter();
        token.Dispose();

        Assert.True(token.IsDisposed);
        Assert.False(token.Closed.IsCompleted);
        Assert.Equal(1, token.Sessions.OpenSessions);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await signer.SignAsync(new byte[] { 2 }));

        // When it returns, the sessions close.
        token.Exit();
        await token.Closed.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(0, token.Sessions.OpenSessions);
        Assert.Equal(0, token.Leases);
    }

    [Fact]
    public async Task DisposeAsync_WhileACallIsInsideTheModule_CompletesOnceItReturns_WithAnInfiniteTimeout()
    {
        var soft = SoftHsm.CreateToken("waitall");
        var token = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()), new Pkcs11TokenOptions { DisposeTimeout = Timeout.InfiniteTimeSpan });
        var signer = token.GenerateKeyPair(JwsAlgorithm.Es256, "waitall", TokenFixture.NewId());
        await signer.SignAsync(new byte[] { 1 });

        token.Enter();
        var disposing = token.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted);
        Assert.Equal(1, token.Sessions.OpenSessions);

        token.Exit();
        await disposing.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(token.Closed.IsCompletedSuccessfully);
        Assert.Equal(0, token.Sessions.OpenSessions);
    }

    [Fact]
    public void Open_WithANonPositiveDisposeTimeout_Throws()
    {
        var soft = SoftHsm.CreateToken("badtimeout");

        Assert.Throws<ArgumentOutOfRangeException>(() => Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()), new Pkcs11TokenOptions { DisposeTimeout = TimeSpan.Zero }));
    }

    [Fact]
    public void GetSignerAndGenerateKeyPair_AfterDispose_ThrowObjectDisposed()
    {
        var (soft, token) = TokenFixture.OpenNew("afterdispose");
        token.GenerateKeyPair(JwsAlgorithm.Es256, "k", TokenFixture.NewId());

        token.Dispose();

        Assert.Throws<ObjectDisposedException>(() => token.GetSigner(Pkcs11Uri.Parse(soft.Uri("object=k"))));
        Assert.Throws<ObjectDisposedException>(() => token.GenerateKeyPair(JwsAlgorithm.Es256, "k2", TokenFixture.NewId()));
        Assert.Equal(0, token.Leases);
    }

    [Fact]
    public void Dispose_OfTheLastTokenOnTheSlot_LogsOut_EvenWhenAnotherSessionKeepsTheSlotOpen()
    {
        var soft = SoftHsm.CreateToken("logout");
        var library = Pkcs11Modules.Get(soft.ModulePath, isPath: true);

        // A session of another part of the process: the slot stays open after the token's own sessions close.
        using var other = SoftHsm.OpenSession(library, soft.Label, SessionType.ReadOnly);
        var token = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()));
        Assert.Equal(CKS.CKS_RO_USER_FUNCTIONS, other.GetSessionInfo().State);

        token.Dispose();

        Assert.Equal(CKS.CKS_RO_PUBLIC_SESSION, other.GetSessionInfo().State);
    }

    [Fact]
    public void Dispose_OfOneOfTwoTokens_KeepsTheLogin()
    {
        var soft = SoftHsm.CreateToken("keeplogin");
        var library = Pkcs11Modules.Get(soft.ModulePath, isPath: true);
        using var other = SoftHsm.OpenSession(library, soft.Label, SessionType.ReadOnly);
        using var first = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()));
        var second = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()));

        second.Dispose();

        Assert.Equal(CKS.CKS_RO_USER_FUNCTIONS, other.GetSessionInfo().State);
    }

    [Fact]
    public async Task Open_ThroughASymbolicLinkToALoadedModule_UsesTheLoadedModule()
    {
        var soft = SoftHsm.CreateToken("symlink");
        using (TokenFixture.OpenNew("symlink-first").Open)
        {
        }

        var folder = Directory.CreateTempSubdirectory("credentials-pkcs11-link-").FullName;
        try
        {
            var link = Path.Combine(folder, "module.so");
            File.CreateSymbolicLink(link, SoftHsm.ModulePath);
            var uri = $"pkcs11:token={soft.Label}?module-path={link}&pin-source=file:{soft.PinFile}";

            using var token = Pkcs11Token.Open(Pkcs11Uri.Parse(uri));
            var signer = token.GenerateKeyPair(JwsAlgorithm.Es256, "linked", TokenFixture.NewId());
            var signature = await signer.SignAsync(new byte[] { 7 });

            using var verification = VerificationKey.FromJwk(signer.PublicJwk).Value;
            Assert.True(verification.Verify(JwsAlgorithm.Es256, new byte[] { 7 }, signature));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task DisposeUnderLoad(Func<Pkcs11Token, Task> dispose)
    {
        var soft = SoftHsm.CreateToken("disposerace");
        var token = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()), new Pkcs11TokenOptions { MaxSessions = 4, DisposeTimeout = TimeSpan.FromMinutes(2) });
        var signer = token.GenerateKeyPair(JwsAlgorithm.Es256, "race", TokenFixture.NewId());
        using var verification = VerificationKey.FromJwk(signer.PublicJwk).Value;

        // The disposal starts once some signings have completed, so that it lands in the middle of the batch.
        var completed = 0;
        var someDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inputs = Enumerable.Range(0, Signings).Select(i => BitConverter.GetBytes(i)).ToArray();
        var tasks = inputs.Select(input => Task.Run(async () =>
        {
            var signature = await signer.SignAsync(input);
            if (Interlocked.Increment(ref completed) == 20)
            {
                someDone.TrySetResult();
            }

            return signature;
        })).ToArray();
        await someDone.Task.WaitAsync(TimeSpan.FromMinutes(2));

        await dispose(token);

        // Every session is closed once the disposal returns: the signings inside the module have left it. (A lease
        // leaked by a signing would make the disposal give up after two minutes with the sessions open, failing here
        // rather than hanging the test host.)
        Assert.True(token.Closed.IsCompletedSuccessfully);
        Assert.Equal(0, token.Sessions.OpenSessions);
        var signed = 0;
        List<Exception> failures = [];
        for (var i = 0; i < tasks.Length; i++)
        {
            try
            {
                var signature = await tasks[i];
                Assert.True(verification.Verify(JwsAlgorithm.Es256, inputs[i], signature), $"signature {i}");
                signed++;
            }
            catch (ObjectDisposedException e)
            {
                failures.Add(e);
            }
        }

        Assert.InRange(signed, 20, Signings);
        Assert.Equal(Signings, signed + failures.Count);
        Assert.Equal(0, token.Leases);
        Assert.Equal(0, token.Sessions.RentedSessions);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await signer.SignAsync(new byte[] { 1 }));
    }
}
