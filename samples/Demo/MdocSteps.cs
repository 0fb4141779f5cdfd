using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Mdoc;
using Credentials.Mdoc.Certificates;
using Credentials.Wallet;
using Credentials.Wallet.Holder;

namespace Credentials.Samples.Demo;

/// <summary>
/// The ISO mdoc part of the demo: the issuer's IACA and document signer, an mdoc age twin and an mDL in the same
/// wallet (the shop asks for <c>age_over_20</c> from the age twin over OpenID4VP, with this IACA as its trust anchor), and
/// a roadside check of the licence categories only.
/// </summary>
internal sealed class MdocSteps : IDisposable
{
    private readonly SigningKey _iacaKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _documentSignerKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly X509Certificate2 _iaca;
    private readonly X509Certificate2 _documentSigner;

    /// <summary>The IACA root certificate: the trust anchor of the wallet and of every mdoc verifier in the demo.</summary>
    public X509Certificate2 Iaca => _iaca;

    public MdocSteps()
    {
        // ISO/IEC 18013-5 Annex B: an IACA root (the verifiers' trust anchor) and a document signer certificate under it.
        _iaca = MdocCertificates.CreateIaca(_iacaKey, new IacaCertificateOptions { CommonName = "IPA sample IACA", Country = "JP", IssuerUri = new Uri("https://issuer.example.jp") });
        _documentSigner = MdocCertificates.CreateDocumentSigner(_iacaKey, _iaca, _documentSignerKey.PublicJwk, new DocumentSignerCertificateOptions { CommonName = "IPA sample document signer" });
    }

    /// <summary>The issuer issues the age twin and the mDL for a wallet key; the wallet verifies and stores both.</summary>
    public async Task<(string Age, string Licence)?> ReceiveAsync(WalletStore store)
    {
        var deviceKey = (await store.CreateHolderKeyAsync(JwsAlgorithm.Es256)).GetValueOrThrow();
        var issuer = new MdocIssuer(_documentSignerKey, [_documentSigner]);
        var now = TimeProvider.System.GetUtcNow();

        // The sample types decide the content, "today" in Japan: age_over_20 is issued explicitly (the nearest-attestation
        // rule of ISO/IEC 18013-5 §7.2.5 cannot derive 20 from 18 and 21).
        var age = CredentialTypes.Age.Prepare(new JsonObject { ["birth_date"] = "2003-11-08" }, now);
        var licence = CredentialTypes.DrivingLicence.Prepare(CredentialTypes.DrivingLicence.GetSampleClaims(), now);
        var ageMdoc = await issuer.IssueAsync(MdocSampleDocuments.ToIssuance(age, deviceKey.PublicJwk));
        var licenceMdoc = await issuer.IssueAsync(MdocSampleDocuments.ToIssuance(licence, deviceKey.PublicJwk));

        var wallet = Wallet(store);
        var ids = new List<string>();
        foreach (var mdoc in new[] { ageMdoc, licenceMdoc })
        {
            var imported = await wallet.ImportMdocBase64UrlAsync(Base64Url.EncodeToString(mdoc.Encode()));
            if (!imported.IsValid)
            {
                Console.WriteLine($"   wallet refused the mdoc: {imported.Error.Code}");
                return null;
            }

            Console.WriteLine($"   stored: {imported.Value.DocType} ({string.Join(", ", mdoc.NameSpaces.Select(n => $"{n.Key}: {n.Value.Count} elements"))}), device key {deviceKey.Id}");
            ids.Add(imported.Value.Id);
        }

        return (ids[0], ids[1]);
    }

    /// <summary>
    /// The holder presents chosen elements of a stored mdoc directly for a verifier's OpenID4VP session transcript
    /// (client_id, a fresh nonce, response_uri), without the OpenID4VP request and response; the verifier checks the DeviceResponse with <see cref="MdocVerifier"/> against the IACA.
    /// </summary>
    public async Task<MdocVerifiedDocument?> PresentAsync(WalletStore store, string verifierName, string clientId, string responseUri, string credentialId, string nameSpace, string element)
    {
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        Console.WriteLine($"   {verifierName} asks for one element of an mso_mdoc: [\"{nameSpace}\", \"{element}\"]");

        // OpenID4VP 1.0 Appendix B.2.6.1: the device signature covers client_id, nonce and response_uri.
        var transcript = SessionTranscript.ForOpenId4Vp(clientId, nonce, null, responseUri);
        var presented = await Wallet(store).PresentMdocAsync(credentialId, new Dictionary<string, IReadOnlyCollection<string>> { [nameSpace] = [element] }, transcript, clientId);
        if (!presented.IsValid)
        {
            Console.WriteLine($"   wallet could not answer: {presented.Error.Code}");
            return null;
        }

        Console.WriteLine($"   consent: {presented.Value.DocType}: disclose {string.Join(", ", presented.Value.Disclosed.Select(c => c.Path.ToString()))}; keep private: {presented.Value.Withheld.Length} other elements");
        var verifier = new MdocVerifier(new MdocVerifierOptions { TrustAnchors = [_iaca] });
        var result = verifier.Verify(Base64Url.DecodeFromChars(presented.Value.DeviceResponse), SessionTranscript.ForOpenId4Vp(clientId, nonce, null, responseUri));
        Console.WriteLine($"   checks: {string.Join(", ", result.Checks.Select(c => $"{c.Check} {c.Outcome}"))}");
        if (!result.IsValid)
        {
            Console.WriteLine($"   {verifierName} (mdoc): REJECTED: {result.Error.Code}");
            return null;
        }

        var document = result.Value.Documents[0];
        var received = document.Elements.SelectMany(n => n.Value.Keys.Select(k => $"{n.Key}:{k}")).ToList();
        Console.WriteLine($"   {verifierName} received (each element matched against the MSO digest): {string.Join(", ", received)}");
        return received.SequenceEqual([$"{nameSpace}:{element}"]) ? document : null;
    }

    public void Dispose()
    {
        _iaca.Dispose();
        _documentSigner.Dispose();
        _iacaKey.Dispose();
        _documentSignerKey.Dispose();
    }

    /// <summary>The holder's wallet over <paramref name="store"/>, verifying mdocs against the IACA.</summary>
    public CredentialWallet Wallet(WalletStore store) => new(
        store,
        new Credentials.SdJwtVc.SdJwtVcVerifier(new Credentials.Trust.StaticIssuerKeyResolver(Array.Empty<KeyValuePair<string, Jwk>>())),
        new CredentialWalletOptions { Locale = "ja-JP", MdocVerifier = new MdocVerifier(new MdocVerifierOptions { TrustAnchors = [_iaca] }) });
}
