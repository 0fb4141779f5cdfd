using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Keys;
using Credentials.Mdoc;
using Credentials.Mdoc.Certificates;
using Credentials.SdJwtVc;
using Credentials.Testing;
using Credentials.Trust;
using Credentials.Wallet.Holder;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Wallet.Tests.Holder;

/// <summary>
/// A real wallet file, an IACA root and a document signer (Annex B profiles), an mdoc issuer, a settable clock, and the
/// holder service with an mdoc verifier trusting only that IACA.
/// </summary>
internal sealed class MdocWalletTestBed : IDisposable
{
    public const string MdlDocType = "org.iso.18013.5.1.mDL";
    public const string Mdl = "org.iso.18013.5.1";
    public const string JpNs = "org.iso.18013.5.1.JP";
    public const string ClientId = "x509_san_dns:shop.example.jp";
    public const string ResponseUri = "https://shop.example.jp/openid4vp/response";

    private MdocWalletTestBed(TempWallet temp, WalletStore store, bool withMdocVerifier)
    {
        Temp = temp;
        Store = store;
        (IacaKey, Iaca, DsKey, DocumentSigner) = CreateIssuer(Clock, "Test IACA");
        Issuer = new MdocIssuer(DsKey, [DocumentSigner], new MdocIssuerOptions { TimeProvider = Clock, Validity = TimeSpan.FromDays(30) });
        MdocVerifier = new MdocVerifier(new MdocVerifierOptions { TrustAnchors = [Iaca], TimeProvider = Clock });
        var sdJwtVerifier = new SdJwtVcVerifier(new StaticIssuerKeyResolver(Array.Empty<KeyValuePair<string, Jwk>>()), options: new SdJwtVcVerifierOptions { TimeProvider = Clock });
        Wallet = new CredentialWallet(store, sdJwtVerifier, new CredentialWalletOptions
        {
            Locale = "ja-JP",
            TimeProvider = Clock,
            ImportStatus = StatusCheck.Skip,
            MdocVerifier = withMdocVerifier ? MdocVerifier : null,
        });
    }

    public static DateTimeOffset Now { get; } = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Now);

    public TempWallet Temp { get; }

    public WalletStore Store { get; }

    public CredentialWallet Wallet { get; }

    public SigningKey IacaKey { get; }

    public X509Certificate2 Iaca { get; }

    public SigningKey DsKey { get; }

    public X509Certificate2 DocumentSigner { get; }

    public MdocIssuer Issuer { get; }

    /// <summary>A verifier (relying party) trusting the same IACA, on the same clock.</summary>
    public MdocVerifier MdocVerifier { get; }

    public static async Task<MdocWalletTestBed> CreateAsync(bool withMdocVerifier = true)
    {
        var temp = new TempWallet();
        var store = await temp.CreateAsync(TempWallet.FastOptions);
        return new MdocWalletTestBed(temp, store, withMdocVerifier);
    }

    public static (SigningKey IacaKey, X509Certificate2 Iaca, SigningKey DsKey, X509Certificate2 Ds) CreateIssuer(TimeProvider clock, string name)
    {
        var iacaKey = SigningKey.Create(JwsAlgorithm.Es256);
        var iaca = MdocCertificates.CreateIaca(iacaKey, new IacaCertificateOptions { CommonName = name, IssuerUri = new Uri("https://iaca.example.jp"), TimeProvider = clock });
        var dsKey = SigningKey.Create(JwsAlgorithm.Es256);
        var ds = MdocCertificates.CreateDocumentSigner(iacaKey, iaca, dsKey.PublicJwk, new DocumentSignerCertificateOptions { CommonName = name + " DS", TimeProvider = clock });
        return (iacaKey, iaca, dsKey, ds);
    }

    public async Task<HolderKeyInfo> NewHolderKeyAsync()
    {
        var key = await Store.CreateHolderKeyAsync(JwsAlgorithm.Es256);
        Assert.True(key.IsValid, key.Error?.ToString());
        return key.Value;
    }

    /// <summary>The mDL elements of the Japanese samples, with the national-character names.</summary>
    public static Dictionary<string, IReadOnlyDictionary<string, MdocValue>> MdlElements(bool ageOver20 = true) => new()
    {
        [Mdl] = new Dictionary<string, MdocValue>
        {
            ["family_name"] = MdocValue.FromText("Yamada"),
            ["given_name"] = MdocValue.FromText("Hanako"),
            ["family_name_national_character"] = MdocValue.FromText("山田"),
            ["given_name_national_character"] = MdocValue.FromText("花子"),
            ["birth_date"] = MdocValue.FromFullDate(new DateOnly(2002, 4, 2)),
            ["portrait"] = MdocValue.FromBytes([0xff, 0xd8, 0xff, 0xe0, 0x01, 0x02]),
            ["resident_address"] = MdocValue.FromText("東京都千代田区千代田1-1"),
            ["resident_country"] = MdocValue.FromText("JP"),
            ["age_over_18"] = MdocValue.FromBoolean(true),
            [ageOver20 ? "age_over_20" : "age_over_21"] = MdocValue.FromBoolean(true),
            ["issuing_country"] = MdocValue.FromText("JP"),
        },
    };

    public Task<IssuerSigned> IssueAsync(Jwk deviceKey, string docType = MdlDocType, IReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>>? elements = null, MdocIssuer? issuer = null)
        => (issuer ?? Issuer).IssueAsync(new MdocIssuance { DocType = docType, NameSpaces = elements ?? MdlElements(), DeviceKey = deviceKey }).AsTask();

    public async Task<ImportedCredential> ImportNewAsync(string docType = MdlDocType, IReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>>? elements = null)
    {
        var key = await NewHolderKeyAsync();
        var mdoc = await IssueAsync(key.PublicJwk, docType, elements);
        var imported = await Wallet.ImportMdocAsync(mdoc.Encode());
        Assert.True(imported.IsValid, imported.Error?.ToString());
        return imported.Value;
    }

    public static DcqlQuery Vector(string name)
    {
        var parsed = DcqlQuery.Read(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "specs", "vectors", "mdoc", "openid4vp-1.0", name)));
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        return parsed.Value;
    }

    public static DcqlQuery ParseQuery(string json)
    {
        var parsed = DcqlQuery.Read(json);
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        return parsed.Value;
    }

    public void Dispose()
    {
        Store.Dispose();
        IacaKey.Dispose();
        DsKey.Dispose();
        Iaca.Dispose();
        DocumentSigner.Dispose();
        Temp.Dispose();
    }
}
