using System;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Pkcs11;
using Credentials.Testing.Pkcs11;
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
}
