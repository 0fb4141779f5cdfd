using System;
using System.IO;
using Credentials.Pkcs11;
using Credentials.Testing.Pkcs11;
using Xunit;

namespace Credentials.Pkcs11.Tests;

public sealed class Pkcs11TokenErrorTests
{
    [Fact]
    public void WrongPin_IsPinIncorrect_AndTheMessageHoldsNoPin()
    {
        var soft = SoftHsm.CreateToken("wrongpin");
        var wrong = Path.Combine(SoftHsm.Directory, "pins", soft.Label + ".wrong");
        File.WriteAllText(wrong, "not-the-pin-4711");

        var e = Assert.Throws<Pkcs11Exception>(() => Pkcs11Token.Open(Pkcs11Uri.Parse(soft.UriWithoutPin() + "&pin-source=" + wrong)));

        Assert.Equal(Pkcs11ErrorCodes.PinIncorrect, e.Code);
        Assert.DoesNotContain("not-the-pin-4711", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedWrongPins_StayPinIncorrect_OnSoftHsm()
    {
        // SoftHSM2 keeps no PIN retry counter, so it never answers CKR_PIN_LOCKED; the mapping of that return value is
        // covered by Pkcs11FailureMappingTests, the locked-PIN flag by TokenReportingALockedUserPin_IsPinLocked_BeforeAnyLogin.
        var soft = SoftHsm.CreateToken("retries");
        var wrong = Path.Combine(SoftHsm.Directory, "pins", soft.Label + ".wrong");
        File.WriteAllText(wrong, "wrong-pin-0000");
        var uri = Pkcs11Uri.Parse(soft.UriWithoutPin() + "&pin-source=" + wrong);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(Pkcs11ErrorCodes.PinIncorrect, Assert.Throws<Pkcs11Exception>(() => Pkcs11Token.Open(uri)).Code);
        }

        using var token = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()));
        Assert.Equal(soft.Label, token.Label);
    }

    [Fact]
    public void TokenReportingALockedUserPin_IsPinLocked_BeforeAnyLogin()
    {
        // SoftHSM2 never locks a PIN itself, but reports the CKF_USER_PIN_LOCKED flag stored with the token.
        var soft = SoftHsm.CreateToken("pinlocked");
        SoftHsm.LockUserPin(soft);

        var e = Assert.Throws<Pkcs11Exception>(() => Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri())));

        Assert.Equal(Pkcs11ErrorCodes.PinLocked, e.Code);
    }

    [Fact]
    public void PinFromEnvironmentVariable_Opens()
    {
        var soft = SoftHsm.CreateToken("envpin");
        var variable = "CREDENTIALS_TEST_PIN_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, soft.Pin);
        try
        {
            using var token = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.UriWithoutPin()), new Pkcs11TokenOptions { PinEnvironmentVariable = variable });

            Assert.Equal(soft.Label, token.Label);
            Assert.Equal("SoftHSM project", token.Manufacturer);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void NoPin_IsPinMissing()
    {
        var soft = SoftHsm.CreateToken("nopin");

        Assert.Equal(Pkcs11ErrorCodes.PinMissing, Assert.Throws<Pkcs11Exception>(() => Pkcs11Token.Open(Pkcs11Uri.Parse(soft.UriWithoutPin()))).Code);
        Assert.Equal(
            Pkcs11ErrorCodes.PinMissing,
            Assert.Throws<Pkcs11Exception>(() => Pkcs11Token.Open(Pkcs11Uri.Parse(soft.UriWithoutPin()), new Pkcs11TokenOptions { PinEnvironmentVariable = "CREDENTIALS_TEST_UNSET_PIN_VARIABLE" })).Code);
    }

    [Fact]
    public void PinValue_IsRefused()
    {
        var soft = SoftHsm.CreateToken("pinvalue");

        var e = Assert.Throws<Pkcs11Exception>(() => Pkcs11Token.Open(Pkcs11Uri.Parse(soft.UriWithoutPin() + "&pin-value=" + soft.Pin)));

        Assert.Equal(Pkcs11ErrorCodes.PinValueRefused, e.Code);
        Assert.DoesNotContain(soft.Pin, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("|/bin/cat /etc/pin")]
    [InlineData("https://pins.example/1")]
    [InlineData("file://remote-host/pin")]
    [InlineData("/nonexistent/credentials-test/pin")]
    public void UnusablePinSource_IsPinSourceUnsupported(string source)
    {
        var soft = SoftHsm.CreateToken("pinsource");

        var e = Assert.Throws<Pkcs11Exception>(() => Pkcs11Token.Open(Pkcs11Uri.Parse(soft.UriWithoutPin() + "&pin-source=" + Uri.EscapeDataString(source))));

        Assert.Equal(Pkcs11ErrorCodes.PinSourceUnsupported, e.Code);
    }

    [Fact]
    public void MissingToken_IsTokenNotFound()
    {
        var soft = SoftHsm.CreateToken("present");

        var e = Assert.Throws<Pkcs11Exception>(() => Pkcs11Token.Open(Pkcs11Uri.Parse($"pkcs11:token=no-such-token?module-path={soft.ModulePath}&pin-source=file:{soft.PinFile}")));

        Assert.Equal(Pkcs11ErrorCodes.TokenNotFound, e.Code);
    }

    [Fact]
    public void SerialMismatch_IsTokenNotFound()
    {
        var soft = SoftHsm.CreateToken("serial");

        Assert.Equal(Pkcs11ErrorCodes.TokenNotFound, Assert.Throws<Pkcs11Exception>(() => Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri("serial=0000")))).Code);
    }

    [Fact]
    public void MissingModule_IsModuleNotFound()
    {
        Assert.Equal(
            Pkcs11ErrorCodes.ModuleNotFound,
            Assert.Throws<Pkcs11Exception>(() => Pkcs11Token.Open(Pkcs11Uri.Parse("pkcs11:token=t?module-path=/nonexistent/libpkcs11.so&pin-source=/dev/null"))).Code);
        Assert.Equal(
            Pkcs11ErrorCodes.ModuleNotFound,
            Assert.Throws<Pkcs11Exception>(() => Pkcs11Token.Open(Pkcs11Uri.Parse("pkcs11:token=t"))).Code);
    }

    [Fact]
    public void NotAModule_IsModuleLoadFailed()
    {
        var notALibrary = Path.Combine(SoftHsm.Directory, "not-a-module.so");
        File.WriteAllText(notALibrary, "not a shared object");

        Assert.Equal(Pkcs11ErrorCodes.ModuleLoadFailed, Assert.Throws<Pkcs11Exception>(() => Pkcs11Token.Open(Pkcs11Uri.Parse($"pkcs11:token=t?module-path={notALibrary}"))).Code);
    }

    [Fact]
    public void UnknownPathAttribute_IsUriUnsupported()
    {
        var soft = SoftHsm.CreateToken("vendor");

        Assert.Equal(Pkcs11ErrorCodes.UriUnsupported, Assert.Throws<Pkcs11Exception>(() => Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri("vendor-aaa=1")))).Code);
        using var token = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()));
        Assert.Equal(Pkcs11ErrorCodes.UriUnsupported, Assert.Throws<Pkcs11Exception>(() => token.GetSigner(Pkcs11Uri.Parse("pkcs11:object=k;x-vendor=1"))).Code);
        Assert.Equal(Pkcs11ErrorCodes.UriUnsupported, Assert.Throws<Pkcs11Exception>(() => token.GetSigner(Pkcs11Uri.Parse("pkcs11:object=k;type=cert"))).Code);
    }

    [Fact]
    public void UnknownQueryAttribute_IsIgnored()
    {
        var soft = SoftHsm.CreateToken("query");

        using var token = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri() + "&vendor-bbb=value-b"));

        Assert.Equal(soft.Label, token.Label);
    }

    [Fact]
    public void MissingKey_IsKeyNotFound()
    {
        var (_, token) = TokenFixture.OpenNew("nokey");
        using (token)
        {
            Assert.Equal(Pkcs11ErrorCodes.KeyNotFound, Assert.Throws<Pkcs11Exception>(() => token.GetSigner(Pkcs11Uri.Parse("pkcs11:object=absent;type=private"))).Code);
            Assert.Equal(Pkcs11ErrorCodes.KeyNotFound, Assert.Throws<Pkcs11Exception>(() => token.GetSigner(Pkcs11Uri.Parse("pkcs11:id=%01%02"))).Code);
        }
    }

    [Fact]
    public void TwoKeysWithOneLabel_IsKeyAmbiguous()
    {
        var (_, token) = TokenFixture.OpenNew("ambiguous");
        using (token)
        {
            token.GenerateKeyPair(JwsAlgorithm.Es256, "same", [1]);
            token.GenerateKeyPair(JwsAlgorithm.Es256, "other", [2]);

            Assert.Equal(Pkcs11ErrorCodes.KeyExists, Assert.Throws<Pkcs11Exception>(() => token.GenerateKeyPair(JwsAlgorithm.Es256, "same", [3])).Code);
            Assert.Equal(Pkcs11ErrorCodes.KeyExists, Assert.Throws<Pkcs11Exception>(() => token.GenerateKeyPair(JwsAlgorithm.Es256, "new", [2])).Code);
            Assert.NotNull(token.GetSigner(Pkcs11Uri.Parse("pkcs11:object=same")));
        }
    }

    [Fact]
    public void UnsupportedAlgorithm_IsRefused()
    {
        var (_, token) = TokenFixture.OpenNew("es256k");
        using (token)
        {
            Assert.False(token.Supports(JwsAlgorithm.Es256K));
            Assert.Throws<ArgumentException>(() => token.GenerateKeyPair(JwsAlgorithm.Es256K, "k", [1]));
        }
    }
}
