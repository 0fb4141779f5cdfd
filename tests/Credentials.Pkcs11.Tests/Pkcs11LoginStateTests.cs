using System;
using System.IO;
using System.Threading.Tasks;
using Credentials.Pkcs11;
using Credentials.Testing.Pkcs11;
using Xunit;

namespace Credentials.Pkcs11.Tests;

public sealed class Pkcs11LoginStateTests
{
    [Fact]
    public void SecondOpen_WithAWrongPin_WhileLoggedIn_IsPinIncorrect()
    {
        var soft = SoftHsm.CreateToken("relogin");
        var wrong = Path.Combine(SoftHsm.Directory, "pins", soft.Label + ".wrong");
        File.WriteAllText(wrong, "not-the-pin-0815");
        using var first = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()));

        var e = Assert.Throws<Pkcs11Exception>(() => Pkcs11Token.Open(Pkcs11Uri.Parse(soft.UriWithoutPin() + "&pin-source=" + wrong)));

        Assert.Equal(Pkcs11ErrorCodes.PinIncorrect, e.Code);
    }

    [Fact]
    public async Task SecondOpen_WithTheRightPin_Works_AndDisposingOneKeepsTheOtherLoggedIn()
    {
        var soft = SoftHsm.CreateToken("twice");
        var first = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()));
        var id = TokenFixture.NewId();
        first.GenerateKeyPair(JwsAlgorithm.Es256, "twice", id);
        using var second = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()));
        var signer = second.GetSigner(Pkcs11Uri.Parse(soft.Uri("object=twice")));

        first.Dispose();
        var signature = await signer.SignAsync(new byte[] { 1, 2, 3 });

        using var verification = Credentials.Keys.VerificationKey.FromJwk(signer.PublicJwk).Value;
        Assert.True(verification.Verify(JwsAlgorithm.Es256, new byte[] { 1, 2, 3 }, signature));
        using var third = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()));
        Assert.Equal(soft.Label, third.Label);
    }

    [Fact]
    public void Open_AfterEveryTokenIsDisposed_ChecksThePinAgain()
    {
        var soft = SoftHsm.CreateToken("again");
        var wrong = Path.Combine(SoftHsm.Directory, "pins", soft.Label + ".wrong");
        File.WriteAllText(wrong, "not-the-pin-0816");
        Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri())).Dispose();

        var e = Assert.Throws<Pkcs11Exception>(() => Pkcs11Token.Open(Pkcs11Uri.Parse(soft.UriWithoutPin() + "&pin-source=" + wrong)));

        Assert.Equal(Pkcs11ErrorCodes.PinIncorrect, e.Code);
    }
}
