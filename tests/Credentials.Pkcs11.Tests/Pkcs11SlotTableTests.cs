using System;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Pkcs11;
using Credentials.Pkcs11.Internal;
using Credentials.Testing.Pkcs11;
using Net.Pkcs11Interop.HighLevelAPI;
using Xunit;

namespace Credentials.Pkcs11.Tests;

/// <summary>
/// SoftHSM2 adds a slot to its slot table inside C_GetSlotList; opening tokens (slot lookups by id) while other tokens
/// are created (listings) must not read the table while it changes.
/// </summary>
public sealed class Pkcs11SlotTableTests
{
    [Fact]
    public async Task OpeningTokens_WhileOtherTokensAreCreated_EachOpensAndSigns()
    {
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                var soft = SoftHsm.CreateToken("slots");
                using var token = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()), new Pkcs11TokenOptions { MaxSessions = 2 });
                var signer = token.GenerateKeyPair(JwsAlgorithm.Es256, "slots", TokenFixture.NewId());
                var signatures = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => signer.SignAsync(new[] { (byte)n }).AsTask()));

                using var verification = VerificationKey.FromJwk(signer.PublicJwk).Value;
                for (var n = 0; n < signatures.Length; n++)
                {
                    Assert.True(verification.Verify(JwsAlgorithm.Es256, new[] { (byte)n }, signatures[n]));
                }
            }
        })).ToArray();

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void SlotLock_IsOnePerModuleInstance()
    {
        var softHsm = Pkcs11Modules.Get(SoftHsm.ModulePath, isPath: true);
        var other = DispatchProxy.Create<IPkcs11Library, UnusedModule>();

        Assert.Same(Pkcs11Modules.SlotLock(softHsm), Pkcs11Modules.SlotLock(softHsm));
        Assert.Same(Pkcs11Modules.SlotLock(other), Pkcs11Modules.SlotLock(other));
        Assert.NotSame(Pkcs11Modules.SlotLock(softHsm), Pkcs11Modules.SlotLock(other));
    }

    [Fact]
    public async Task OpeningAToken_WhileAnotherModuleHoldsItsSlotLock_OpensAndSigns()
    {
        // Another module (a hung network HSM, say) is inside C_OpenSession on another thread, holding its slot lock
        // until this test ends: this module's opens, session opens and key generation go on.
        var soft = SoftHsm.CreateToken("slots");
        var otherLock = Pkcs11Modules.SlotLock(DispatchProxy.Create<IPkcs11Library, UnusedModule>());
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            lock (otherLock)
            {
                held.Set();
                release.Wait();
            }
        });
        holder.Start();
        held.Wait();
        try
        {
            var work = Task.Run(async () =>
            {
                using var token = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()), new Pkcs11TokenOptions { MaxSessions = 2 });
                var signer = token.GenerateKeyPair(JwsAlgorithm.Es256, "slots", TokenFixture.NewId());
                var signature = await signer.SignAsync(new byte[] { 1, 2, 3 });
                using var verification = VerificationKey.FromJwk(signer.PublicJwk).Value;
                Assert.True(verification.Verify(JwsAlgorithm.Es256, new byte[] { 1, 2, 3 }, signature));
            });

            // Generous: with one process-wide lock this never completes.
            await work.WaitAsync(TimeSpan.FromMinutes(5));
        }
        finally
        {
            release.Set();
            holder.Join();
        }
    }

    /// <summary>A module instance that is never called: only its identity matters.</summary>
    public class UnusedModule : DispatchProxy
    {
        /// <inheritdoc/>
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw new NotSupportedException();
    }
}
