using System;
using System.Text;
using Credentials.Keys;
using Xunit;

namespace Credentials.Tests.Jose;

/// <summary>EC key-agreement keys for ECDH-ES: creation, JWK import and export with <c>d</c>, and agreement.</summary>
public sealed class JweKeyAgreementKeyTests
{
    [Theory]
    [InlineData("P-256", 32)]
    [InlineData("P-384", 48)]
    [InlineData("P-521", 66)]
    public void CreateEc_ExportImport_SamePublicKeyAndPrivatePart(string curve, int size)
    {
        using var key = KeyAgreementKey.CreateEc(curve, "k1");
        var exported = key.ExportPrivateJwk();

        using var imported = KeyAgreementKey.FromJwk(exported);

        Assert.Equal(curve, key.Curve);
        Assert.Equal("EC", key.PublicJwk.Kty);
        Assert.Null(key.PublicJwk.D);
        Assert.Equal(size, Convert.FromBase64String(Pad(exported.D!)).Length);
        Assert.Equal(key.PublicJwk, imported.PublicJwk);
        Assert.Equal(exported, imported.ExportPrivateJwk());
    }

    [Fact]
    public void FromJwk_EcWithOnlyD_ComputesPublicKey()
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256);
        var d = key.ExportPrivateJwk();

        using var imported = KeyAgreementKey.FromJwk(d with { X = null, Y = null });

        Assert.Equal(key.PublicJwk.X, imported.PublicJwk.X);
        Assert.Equal(key.PublicJwk.Y, imported.PublicJwk.Y);
    }

    [Fact]
    public void FromJwk_EcPublicPartNotMatchingD_Throws()
    {
        using var a = KeyAgreementKey.CreateEc(JwkCurves.P256);
        using var b = KeyAgreementKey.CreateEc(JwkCurves.P256);

        Assert.Throws<ArgumentException>(() => KeyAgreementKey.FromJwk(a.ExportPrivateJwk() with { X = b.PublicJwk.X, Y = b.PublicJwk.Y }));
    }

    [Fact]
    public void FromJwk_EcPublicOnlyOrUnsupportedCurve_Throws()
    {
        using var a = KeyAgreementKey.CreateEc(JwkCurves.P256);

        Assert.Throws<ArgumentException>(() => KeyAgreementKey.FromJwk(a.PublicJwk));
        Assert.Throws<ArgumentException>(() => KeyAgreementKey.FromJwk(a.ExportPrivateJwk() with { Crv = JwkCurves.Secp256k1 }));
        Assert.Throws<ArgumentException>(() => KeyAgreementKey.CreateEc("X25519"));
    }

    [Fact]
    public void DeriveSharedKey_TwoEcKeys_AgreeOnHkdfOutput()
    {
        using var a = KeyAgreementKey.CreateEc(JwkCurves.P256);
        using var b = KeyAgreementKey.CreateEc(JwkCurves.P256);
        var info = Encoding.ASCII.GetBytes("ctx");

        Assert.Equal(a.DeriveSharedKey(b.PublicJwk, [], info, 32), b.DeriveSharedKey(a.PublicJwk, [], info, 32));
        Assert.Throws<ArgumentException>(() => a.DeriveSharedKey(KeyAgreementKey.CreateEc(JwkCurves.P384).PublicJwk, [], info, 32));
    }

    [Fact]
    public void ToString_NamesCurveAndKidOnly()
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256, "k1");

        Assert.Equal("KeyAgreementKey(P-256 kid=k1)", key.ToString());
        Assert.DoesNotContain(key.ExportPrivateJwk().D!, key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Thumbprint_OfVerifierEncryptionKey_IsStableAndIgnoresKid()
    {
        using var key = KeyAgreementKey.CreateEc(JwkCurves.P256, "k1");

        Assert.Equal(key.PublicJwk.ComputeThumbprint(), (key.PublicJwk with { Kid = null, Use = "enc", Alg = "ECDH-ES" }).ComputeThumbprint());
        Assert.Equal(43, key.PublicJwk.ComputeThumbprint().Length);
    }

    private static string Pad(string b64Url)
    {
        var s = b64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - (s.Length % 4)) % 4);
    }
}
