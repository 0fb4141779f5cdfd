using System;
using System.Collections.Generic;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Mdoc;
using Credentials.Mdoc.Certificates;

namespace Credentials.Benchmarks;

/// <summary>
/// The mdoc every mdoc measurement uses, here and in the comparison with <c>@animo-id/mdoc</c>: an mDL with 8 elements
/// issued under an IACA root and a document signer (ES256, P-256), bound to a P-256 device key; one document with 4
/// elements presented for an OpenID4VP redirect request.
/// </summary>
internal sealed class MdocWorkload : IDisposable
{
    public const string ClientId = "x509_san_dns:verifier.example.jp";
    public const string Nonce = "n-0S6_WzA2Mj";
    public const string ResponseUri = "https://verifier.example.jp/response";

    private MdocWorkload(SigningKey iacaKey, X509Certificate2 iaca, SigningKey documentSignerKey, X509Certificate2 documentSigner, SigningKey deviceKey)
    {
        IacaKey = iacaKey;
        Iaca = iaca;
        DocumentSignerKey = documentSignerKey;
        DocumentSigner = documentSigner;
        DeviceKey = deviceKey;
        Issuer = new MdocIssuer(documentSignerKey, [documentSigner]);
        Transcript = SessionTranscript.ForOpenId4Vp(ClientId, Nonce, null, ResponseUri);
    }

    public SigningKey IacaKey { get; }

    public X509Certificate2 Iaca { get; }

    public SigningKey DocumentSignerKey { get; }

    public X509Certificate2 DocumentSigner { get; }

    public SigningKey DeviceKey { get; }

    public MdocIssuer Issuer { get; }

    public SessionTranscript Transcript { get; }

    /// <summary>The issued mdoc (after <see cref="CreateAsync"/>).</summary>
    public IssuerSigned Issued { get; private set; } = null!;

    /// <summary>The encoded DeviceResponse with the 4 presented elements (after <see cref="CreateAsync"/>).</summary>
    public byte[] DeviceResponse { get; private set; } = null!;

    /// <summary>The length of the MSO payload the issuer signs (the COSE_Sign1 content).</summary>
    public int MsoLength { get; private set; }

    /// <summary>The length of the DeviceAuthentication structure the device signs, approximately: transcript, doc type and framing.</summary>
    public int DeviceAuthenticationLength => Transcript.Encoded.Length + MdocDocTypes.Mdl.Length + 40;

    /// <summary>The elements presented.</summary>
    public static Dictionary<string, IReadOnlyCollection<string>> Selection() => new()
    {
        ["org.iso.18013.5.1"] = ["family_name", "given_name", "birth_date", "age_over_20"],
    };

    /// <summary>A new issuance description (built per call, as an issuer builds one per person).</summary>
    public MdocIssuance Issuance() => new()
    {
        DocType = MdocDocTypes.Mdl,
        DeviceKey = DeviceKey.PublicJwk,
        NameSpaces = new Dictionary<string, IReadOnlyDictionary<string, MdocValue>>
        {
            ["org.iso.18013.5.1"] = new Dictionary<string, MdocValue>
            {
                ["family_name"] = MdocValue.FromText("TAKAHASHI"),
                ["given_name"] = MdocValue.FromText("YUI"),
                ["birth_date"] = MdocValue.FromFullDate(new DateOnly(2003, 11, 8)),
                ["age_over_18"] = MdocValue.FromBoolean(true),
                ["age_over_20"] = MdocValue.FromBoolean(true),
                ["issuing_country"] = MdocValue.FromText("JP"),
                ["document_number"] = MdocValue.FromText("300000000001"),
                ["expiry_date"] = MdocValue.FromFullDate(new DateOnly(2029, 11, 8)),
            },
        },
    };

    /// <summary>Creates the certificates and keys, issues once and presents once.</summary>
    public static async Task<MdocWorkload> CreateAsync()
    {
        var iacaKey = SigningKey.Create(JwsAlgorithm.Es256);
        var iaca = MdocCertificates.CreateIaca(iacaKey, new IacaCertificateOptions { CommonName = "Benchmark IACA", Country = "JP", IssuerUri = new Uri("https://iaca.example.jp") });
        var documentSignerKey = SigningKey.Create(JwsAlgorithm.Es256);
        var documentSigner = MdocCertificates.CreateDocumentSigner(iacaKey, iaca, documentSignerKey.PublicJwk, new DocumentSignerCertificateOptions { CommonName = "Benchmark Document Signer" });
        var workload = new MdocWorkload(iacaKey, iaca, documentSignerKey, documentSigner, SigningKey.Create(JwsAlgorithm.Es256));
        workload.Issued = await workload.Issuer.IssueAsync(workload.Issuance());
        workload.MsoLength = CoseSign1Message.DecodeSign1(workload.Issued.IssuerAuth.Span).Content!.Value.Length;
        workload.DeviceResponse = (await workload.PresentAsync()).Encode();
        return workload;
    }

    /// <summary>Presents the 4 elements.</summary>
    public ValueTask<DeviceResponse> PresentAsync()
        => MdocHolder.PresentAsync([new MdocPresentationInput(Issued, Selection(), DeviceKey)], Transcript);

    /// <summary>A verifier trusting the IACA; <paramref name="trustCache"/> false validates the chain on every call.</summary>
    public MdocVerifier Verifier(bool trustCache)
        => new(new MdocVerifierOptions
        {
            CertificateValidator = new MdocCertificateValidator([Iaca], null, new MdocCertificateValidatorOptions { MaxCacheEntries = trustCache ? 1_000 : 0 }),
        });

    public void Dispose()
    {
        IacaKey.Dispose();
        DocumentSignerKey.Dispose();
        DeviceKey.Dispose();
        Iaca.Dispose();
        DocumentSigner.Dispose();
    }
}
