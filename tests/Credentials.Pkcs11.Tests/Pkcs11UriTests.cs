using System;
using System.Linq;
using Credentials.Pkcs11;
using Xunit;

namespace Credentials.Pkcs11.Tests;

public sealed class Pkcs11UriTests
{
    // RFC 7512 section 3 (examples).
    [Theory]
    [InlineData("pkcs11:")]
    [InlineData("pkcs11:object=my-pubkey;type=public")]
    [InlineData("pkcs11:object=my-key;type=private?pin-source=file:/etc/token")]
    [InlineData("pkcs11:token=The%20Software%20PKCS%2311%20Softtoken;manufacturer=Snake%20Oil,%20Inc.;model=1.0;object=my-certificate;type=cert;id=%69%95%3E%5C%F4%BD%EC%91;serial=?pin-source=file:/etc/token_pin")]
    [InlineData("pkcs11:object=my-sign-key;type=private?module-name=mypkcs11")]
    [InlineData("pkcs11:object=my-sign-key;type=private?module-path=/mnt/libmypkcs11.so.1")]
    [InlineData("pkcs11:token=Software%20PKCS%2311%20softtoken;manufacturer=Snake%20Oil,%20Inc.?pin-value=the-pin")]
    [InlineData("pkcs11:slot-description=Sun%20Metaslot")]
    [InlineData("pkcs11:library-manufacturer=Snake%20Oil,%20Inc.;library-description=Soft%20Token%20Library;library-version=1.23")]
    [InlineData("pkcs11:token=My%20token%25%20created%20by%20Joe;library-version=3;id=%69%95%3E%5C%F4%BD%EC%91;object=my-certificate;type=cert")]
    [InlineData("pkcs11:token=A%20name%20with%20a%20substring%20%25%3B;object=my-certificate;type=cert")]
    [InlineData("pkcs11:token=Name%20with%20a%20small%20A%20with%20acute:%20%C3%A1;object=my-certificate;type=cert")]
    [InlineData("pkcs11:token=my-token;object=my-certificate;type=cert;vendor-aaa=value-a?pin-source=file:/etc/token_pin&vendor-bbb=value-b")]
    public void Parse_Rfc7512Examples_Succeeds(string text)
    {
        var uri = Pkcs11Uri.Parse(text);

        Assert.Equal(uri.ToString(), Pkcs11Uri.Parse(uri.ToString()).ToString());
    }

    [Fact]
    public void Parse_DecodesEveryAttribute()
    {
        var uri = Pkcs11Uri.Parse("pkcs11:token=The%20Software%20PKCS%2311%20Softtoken;manufacturer=Snake%20Oil,%20Inc.;model=1.0;object=my-certificate;type=cert;id=%69%95%3E%5C%F4%BD%EC%91;serial=?pin-source=file:/etc/token_pin");

        Assert.Equal("The Software PKCS#11 Softtoken", uri.Token);
        Assert.Equal("Snake Oil, Inc.", uri.Manufacturer);
        Assert.Equal("1.0", uri.Model);
        Assert.Equal("my-certificate", uri.Object);
        Assert.Equal("cert", uri.ObjectType);
        Assert.Equal(new byte[] { 0x69, 0x95, 0x3E, 0x5C, 0xF4, 0xBD, 0xEC, 0x91 }, uri.Id);
        Assert.Equal(string.Empty, uri.Serial);
        Assert.Equal("file:/etc/token_pin", uri.PinSource);
    }

    [Fact]
    public void Parse_NonAsciiAndReservedCharacters_AreDecodedAsUtf8()
    {
        Assert.Equal("Name with a small A with acute: á", Pkcs11Uri.Parse("pkcs11:token=Name%20with%20a%20small%20A%20with%20acute:%20%C3%A1").Token);
        Assert.Equal("A name with a substring %;", Pkcs11Uri.Parse("pkcs11:token=A%20name%20with%20a%20substring%20%25%3B").Token);
    }

    [Fact]
    public void Parse_ModuleAndSlotAttributes()
    {
        var uri = Pkcs11Uri.Parse("pkcs11:slot-id=3;slot-manufacturer=SoftHSM;library-version=2.6?module-path=/usr/lib/softhsm/libsofthsm2.so&module-name=softhsm2");

        Assert.Equal(3UL, uri.SlotId);
        Assert.Equal("SoftHSM", uri.SlotManufacturer);
        Assert.Equal("2.6", uri.LibraryVersion);
        Assert.Equal("/usr/lib/softhsm/libsofthsm2.so", uri.ModulePath);
        Assert.Equal("softhsm2", uri.ModuleName);
    }

    [Fact]
    public void PinValue_IsFlaggedDroppedAndNeverFormatted()
    {
        var uri = Pkcs11Uri.Parse("pkcs11:token=t?pin-value=the-pin");

        Assert.True(uri.HasPinValue);
        Assert.DoesNotContain("the-pin", uri.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pin-value", uri.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(uri.UnknownQueryAttributes, a => a.Value == "the-pin");
    }

    [Fact]
    public void UnknownAttributes_PathKeptQueryKept()
    {
        var uri = Pkcs11Uri.Parse("pkcs11:token=my-token;vendor-aaa=value-a?vendor-bbb=value-b&vendor-bbb=value-c");

        Assert.Equal("value-a", uri.UnknownPathAttributes["vendor-aaa"]);
        Assert.Equal(["value-b", "value-c"], uri.UnknownQueryAttributes.Select(a => a.Value));
    }

    [Theory]
    [InlineData("pkcs12:token=x")]
    [InlineData("pkcs11:token=a;token=b")]
    [InlineData("pkcs11:type=secret")]
    [InlineData("pkcs11:id=%6")]
    [InlineData("pkcs11:id=%ZZ")]
    [InlineData("pkcs11:token=%C3")]
    [InlineData("pkcs11:token=a b")]
    [InlineData("pkcs11:token=a/b")]
    [InlineData("pkcs11:token=a;;object=b")]
    [InlineData("pkcs11:token")]
    [InlineData("pkcs11:=x")]
    [InlineData("pkcs11:slot-id=x")]
    [InlineData("pkcs11:library-version=1.")]
    [InlineData("pkcs11:token=a#frag")]
    [InlineData("pkcs11:token=a?module-path=/a&module-path=/b")]
    public void Parse_Malformed_Throws(string text)
    {
        Assert.Throws<FormatException>(() => Pkcs11Uri.Parse(text));
        Assert.False(Pkcs11Uri.TryParse(text, out _));
    }

    [Fact]
    public void SchemeIsCaseInsensitive()
    {
        Assert.Equal("t", Pkcs11Uri.Parse("PKCS11:token=t").Token);
        Assert.True(Pkcs11Uri.IsPkcs11Uri("PkCs11:object=x"));
        Assert.False(Pkcs11Uri.IsPkcs11Uri("issuer.jwk"));
    }

    [Fact]
    public void Format_EncodesReservedCharactersAndIdBytes()
    {
        var uri = Pkcs11Uri.Create("my token;1", "key?a", new byte[] { 0x01, 0xAB }, "private", "/usr/lib/x.so", "file:/run/pin");

        var text = uri.ToString();

        Assert.Equal("pkcs11:token=my%20token%3B1;object=key%3Fa;type=private;id=%01%AB?module-path=/usr/lib/x.so&pin-source=file:/run/pin", text);
        var back = Pkcs11Uri.Parse(text);
        Assert.Equal("my token;1", back.Token);
        Assert.Equal("key?a", back.Object);
        Assert.Equal(new byte[] { 0x01, 0xAB }, back.Id);
    }

    [Fact]
    public void WithObject_KeepsTokenAndModule()
    {
        var uri = Pkcs11Uri.Parse("pkcs11:token=t?module-path=/m.so").WithObject("k", new byte[] { 7 }, "private");

        Assert.Equal("pkcs11:token=t;object=k;type=private;id=%07?module-path=/m.so", uri.ToString());
    }
}
