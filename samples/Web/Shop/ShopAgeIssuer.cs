using System;
using System.IO;
using Credentials.Keys;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Credentials.Samples.Web.Trust;

namespace Credentials.Samples.Web.Shop;

/// <summary>
/// The sample age service (サンプル年齢確認サービス) the shop trusts for age credentials: one ES256 key in the data folder
/// (<c>shop/age-issuer.jwk</c>, created on first start). It issues <see cref="AgeCredentialType"/> credentials to the
/// browser tests' wallet; a real shop would trust a real age service instead.
/// </summary>
public sealed class ShopAgeIssuer : ISampleIssuer, IDisposable
{
    /// <summary>The issuer identifier (<c>iss</c>) of the sample age service.</summary>
    public const string IssuerId = "https://issuer.credentials.example.jp/age";

    private readonly SigningKey _key;

    /// <summary>Loads the key from the data folder, creating it on first start.</summary>
    /// <param name="data">The data folder.</param>
    /// <param name="time">The app's clock.</param>
    public ShopAgeIssuer(WebData data, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(data);
        var path = data.PathOf(Path.Combine("shop", "age-issuer.jwk"));
        if (!File.Exists(path))
        {
            using var created = SigningKey.Create(JwsAlgorithm.Es256, "age-1");
            JwkFile.WritePrivate(path, created.ExportPrivateJwk(), force: false);
        }

        _key = JwkFile.ReadSigningKey(path);
        Issuer = new SdJwtVcIssuer(_key, options: new SdJwtVcIssuerOptions { Issuer = IssuerId, TimeProvider = time });
        Trusted = new TrustedIssuer
        {
            Issuer = IssuerId,
            Name = "サンプル年齢確認サービス / Sample age service",
            Keys = [_key.PublicJwk],
            CredentialTypes = [AgeCredentialType.TypeUri],
        };
    }

    /// <summary>Issues age credentials with the sample key.</summary>
    public SdJwtVcIssuer Issuer { get; }

    /// <inheritdoc />
    public TrustedIssuer Trusted { get; }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
