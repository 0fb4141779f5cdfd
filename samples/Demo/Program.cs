using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.OpenId4Vci;
using Credentials.AspNetCore.Storage;
using Credentials.Dcql;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Credentials.Status;
using Credentials.Samples.Badges;
using Credentials.Trust;
using Credentials.W3c;
using Credentials.W3c.BitstringStatus;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.OpenBadges;
using Credentials.W3c.OpenBadges.Baking;
using Credentials.Wallet;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vci;
using Credentials.Wallet.OpenId4Vp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QRCoder;

namespace Credentials.Samples.Demo;

/// <summary>
/// The whole story over the real protocols, on loopback: an IPA-style issuer (OpenID4VCI, pre-authorized code with a
/// PIN) issues an exam certificate and an age credential into an encrypted SQLite wallet; a shop asks over OpenID4VP
/// for age_over_20 only and accepts; an employer asks for the exam and the pass date and accepts; the issuer revokes
/// the certificate and the employer's next check fails with status.revoked; the shop also accepts age_over_20 from an
/// ISO mdoc age twin over OpenID4VP with an encrypted response, and a roadside check reads only the licence categories of an mDL.
/// </summary>
public static class Program
{
    private const string ExamVct = "https://credentials.example.jp/vct/ipa/exam-pass/v1";
    private const string AgeVct = "https://credentials.example.jp/vct/age/v1";
    private const string ExamConfiguration = "ipa_exam_pass";
    private const string AgeConfiguration = "age";

    // The demo's servers are all on loopback over http://: the one relaxation of the fetch guards it needs.
    private static readonly HashSet<string> s_registeredClaims = new(StringComparer.Ordinal)
    {
        "iss", "sub", "iat", "nbf", "exp", "cnf", "vct", "vct#integrity", "status", "_sd_alg",
    };

    private static readonly HttpFetchOptions LoopbackFetch = HttpFetchOptions.Default with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback };

    public static async Task<int> Main()
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var folder = Directory.CreateTempSubdirectory("credentials-demo-").FullName;
        try
        {
            return await RunAsync(folder) ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is harmless.
            }
        }
    }

    private static async Task<bool> RunAsync(string folder)
    {
        var ok = true;
        var metadata = LocalTypeMetadataRegistry.FromDirectory(Path.Combine(AppContext.BaseDirectory, "credential-types"));
        using var http = GuardedHttpHandler.CreateClient(LoopbackFetch);

        Step("1", "発行者 / The issuer", "An IPA-style issuer makes its signing key and DID, a status list, and starts its OpenID4VCI endpoints on loopback.");
        using var issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "ipa-2026");
        var issuerDid = DidJwk.Create(issuerKey.PublicJwk with { Kid = null });
        await using var issuerHost = await IssuerHost.StartAsync(folder, issuerKey, metadata);
        Console.WriteLine($"   DID: {issuerDid.ToString()[..48]}…");
        Console.WriteLine($"   credential issuer: {issuerHost.IssuerId}");

        using var trust = new TrustList([new TrustedIssuer { Issuer = issuerHost.IssuerId, Name = "IPA (sample)", Keys = [issuerKey.PublicJwk], CredentialTypes = [ExamVct, AgeVct] }]);
        SdJwtVcVerifier NewCredentialVerifier() => new(
            trust,
            new HttpStatusListResolver(http, new StatusListTokenVerifier(new StaticIssuerKeyResolver(issuerKey.PublicJwk)), new HttpStatusListResolverOptions { Http = HttpStatusListResolverOptions.Default.Http with { RequireHttps = LoopbackFetch.RequireHttps, AddressPolicy = LoopbackFetch.AddressPolicy }, MinTimeToLive = TimeSpan.FromSeconds(1) }),
            metadata,
            // The issuer gives every credential a status list entry: one without (status withheld) is refused.
            options: new SdJwtVcVerifierOptions { RequireStatus = true });

        Step("2", "ウォレット / The wallet", "The holder's wallet is one encrypted SQLite file (XChaCha20-Poly1305 under an Argon2id-derived key).");
        var store = (await WalletStore.CreateAsync(Path.Combine(folder, "wallet.db"), WalletSecret.FromPassphrase("demo passphrase 合言葉"))).GetValueOrThrow();
        using var _ = store;
        var wallet = new CredentialWallet(store, NewCredentialVerifier(), new CredentialWalletOptions { Locale = "ja-JP" });
        var vci = new OpenId4VciClient(http, new OpenId4VciClientOptions { Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = LoopbackFetch.RequireHttps, AddressPolicy = LoopbackFetch.AddressPolicy } });

        Step("3", "合格証明書の受け取り / Receive the exam certificate", "The issuer shows an offer (QR) with a pre-authorized code and a PIN sent separately; the wallet redeems it.");
        var examOffer = await issuerHost.Issuer.CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = [ExamConfiguration], SubjectId = "exam:2026-05-01234", TransactionCode = new OfferTransactionCode { Value = "493017", Description = "メールで届いた6桁の番号" } });
        ShowQr(examOffer.ByReferenceLink);
        var exam = await Receive(vci, wallet, examOffer.ByReferenceLink, "493017");
        if (exam is null)
        {
            return false;
        }

        Console.WriteLine($"   stored: {exam.Imported.DisplayName} ({exam.Imported.Id})");

        Step("4", "年齢証明の受け取り / Receive the age credential", "Three single-use copies with different holder keys, so two shops cannot link the holder.");
        var ageOffer = await issuerHost.Issuer.CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = [AgeConfiguration], SubjectId = "person:takahashi-yui" });
        var age = await Receive(vci, wallet, ageOffer.ByValueLink, null, copies: 3);
        if (age is null)
        {
            return false;
        }

        Console.WriteLine($"   stored: {age.Imported.DisplayName}, {age.Imported.Copies} copies");

        Step("5", "酒類販売店 / The shop asks: 20 or over?", "The shop is identified by its X.509 certificate (client_id x509_san_dns:localhost, OpenID4VP 1.0 section 5.9.3): its OpenID4VP request (signed with the certificate's key, the chain in x5c, by reference with request_uri_method=post) asks for age_over_20 only. The wallet posts its metadata and a fresh wallet_nonce to the request_uri, checks the nonce in the signed answer, checks that the certificate names localhost and chains to the demo verifier CA it trusts, and that the response_uri is on localhost.");
        using var shopCaKey = SigningKey.Create(JwsAlgorithm.Es256);
        using var shopCa = VerifierCertificates.CreateRoot(shopCaKey, "Demo Verifier CA", TimeSpan.FromDays(30));
        s_verifierRoots = [shopCa];
        await using var shop = await VerifierHost.StartAsync(folder, "shop", NewCredentialVerifier(), x509Ca: (shopCaKey, shopCa));
        Console.WriteLine($"   shop: {shop.ClientId}, certificate {shop.Certificate!.Subject} issued by {shop.Certificate.Issuer}; the wallet trusts {shopCa.Subject}");
        ok &= await Present(http, wallet, shop, Query("age", AgeVct, ["age_over_20"]), expectAccepted: true);

        Step("6", "採用企業 / The employer asks: which exam, passed when?", "The employer asks for the exam and the pass date. The exam is always visible in this certificate (the issuer did not make it selectively disclosable); the holder discloses the pass date; the name, birth date and certificate number stay in the wallet.");
        await using var employer = await VerifierHost.StartAsync(folder, "employer", NewCredentialVerifier());
        ok &= await Present(http, wallet, employer, Query("exam", ExamVct, ["exam,category_code", "exam,name", "pass_date"]), expectAccepted: true);

        Step("7", "オープンバッジ / The same award as an Open Badge", "The issuer also awards the pass as an Open Badges 3.0 credential (eddsa-rdfc-2022 by its did:key, a Bitstring Status List entry) baked into a PNG; the holder attaches the image to an application, and the employer verifies the image alone.");
        ok &= await BadgeAsync(http, issuerHost, (await store.GetAsync(exam.Imported.Id)).GetValueOrThrow().Raw);

        Step("8", "失効 / The issuer revokes the certificate", "The issuer revokes the certificate's status entry and republishes its Status List Token; the employer checks again once its cached copy expires.");
        var stored = (await store.GetAsync(exam.Imported.Id)).GetValueOrThrow();
        var payload = Jws.ReadCompact(stored.Raw.Split('~')[0]).Value.ParsePayload().Value;
        var reference = StatusReference.Read(payload.GetProperty("status")).Value;
        await issuerHost.StatusLists.RevokeAsync(reference);
        await issuerHost.StatusLists.PublishAsync(issuerHost.StatusListUri);
        Console.WriteLine($"   revoked {reference.Uri} #{reference.Index}");
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        ok &= await Present(http, wallet, employer, Query("exam", ExamVct, ["exam,category_code", "pass_date"]), expectAccepted: false, expectedCode: StatusErrors.Revoked);

        Step("9", "年齢確認 mdoc / The shop accepts age_over_20 from an mdoc too", "The issuer also holds an IACA root and a document signer certificate (ISO/IEC 18013-5 Annex B) and issues the age twin (jp.example.av.1: age_over_18, age_over_20) and an mDL straight into the wallet with its library API (OpenID4VCI issuance of mso_mdoc is not part of this demo); the wallet verifies both against the IACA before storing them. The shop's mdoc verifier (the same shop and client_id, a second OpenID4VP endpoint that trusts the IACA) sends a signed request for age_over_20 only in the mso_mdoc format, with response_mode direct_post.jwt: the wallet encrypts its answer to a one-time key of the shop (ECDH-ES), and the shop refuses any answer in the clear. The wallet's DeviceResponse is device-signed over the OpenID4VP session transcript (the shop's client_id, the request's nonce, the thumbprint of that encryption key and the response_uri), so it is useless for any other request. The shop receives age_over_20 and nothing else: no birth date, no age_over_18. Either form, SD-JWT VC (step 5) or mdoc, proves 20 or over.");
        using var mdoc = new MdocSteps();
        var mdocs = await mdoc.ReceiveAsync(store);
        if (mdocs is not { } mdocIds)
        {
            return false;
        }

        await using var mdocShop = await VerifierHost.StartAsync(folder, shop.Name, NewCredentialVerifier(), new Credentials.Mdoc.MdocVerifierOptions { TrustAnchors = [mdoc.Iaca] }, sameVerifierAs: shop);
        var ageElements = await PresentMdoc(http, mdoc.Wallet(store), mdocShop, MdocQuery("age", MdocSampleDocuments.JapaneseAgeDocType, MdocSampleDocuments.JapaneseAgeDocType, "age_over_20"));
        var over20 = ageElements is { } elements
            && elements.Count == 1
            && elements.TryGetValue(MdocSampleDocuments.JapaneseAgeDocType + ":age_over_20", out var value)
            && value.ValueKind == JsonValueKind.True;
        Console.WriteLine($"   {shop.Name} (mdoc): {(over20 ? "ACCEPTED (age_over_20 = true)" : "REJECTED")}");
        ok &= over20;

        Step("10", "路上での確認 / A roadside check of the licence categories", "A police officer's reader asks the mDL for driving_privileges only: the categories (ISO/IEC 18013-1) with their codes, each verified against the MSO; the name, birth date, address and licence number stay in the wallet.");
        await using var roadside = await VerifierHost.StartAsync(folder, "roadside", NewCredentialVerifier());
        var licenceDocument = await mdoc.PresentAsync(store, roadside.Name, roadside.ClientId, roadside.ResponseUri, mdocIds.Licence, Credentials.Mdoc.MdocNamespaces.Mdl, "driving_privileges");
        var categories = new List<string>();
        if (licenceDocument is not null && licenceDocument.TryGetElement(Credentials.Mdoc.MdocNamespaces.Mdl, "driving_privileges", out var privileges) && privileges.TryGetArray(out var list))
        {
            foreach (var privilege in list)
            {
                var category = privilege.TryGetMember("vehicle_category_code", out var code) && code.TryGetString(out var text) ? text : "?";
                var codes = privilege.TryGetMember("codes", out var restrictions) && restrictions.TryGetArray(out var items)
                    ? items.Select(i => i.TryGetMember("code", out var c) && c.TryGetString(out var t) ? t : "?").ToList()
                    : [];
                categories.Add(codes.Count == 0 ? category! : $"{category} (codes {string.Join(", ", codes)})");
            }
        }

        Console.WriteLine($"   {roadside.Name} (mdoc): {(categories.Count > 0 ? "ACCEPTED, categories " + string.Join("; ", categories) : "REJECTED")}");
        ok &= categories.Count > 0;

        Step("11", "開示の記録 / What the wallet remembers", "The wallet's disclosure log: who learned what (claim names only, no values).");
        foreach (var entry in (await store.GetDisclosureLogAsync()).GetValueOrThrow())
        {
            Console.WriteLine($"   {entry.Verifier}: {string.Join(", ", entry.Credentials.SelectMany(c => c.Claims).Select(c => c.Path.ToString()))}");
        }

        Console.WriteLine();
        Console.WriteLine(ok ? "Demo finished: every step behaved as expected." : "Demo FAILED: a step did not behave as expected.");
        return ok;
    }

    /// <summary>
    /// The award of the exam certificate as an Open Badge baked into a PNG (OB 3.0 section 5.3), verified by the employer
    /// from the image: proof, issuer, schema, validity and the Bitstring Status List served by the issuer.
    /// </summary>
    private static async Task<bool> BadgeAsync(HttpClient http, IssuerHost issuerHost, string walletSdJwt)
    {
        var claims = CredentialTypes.IpaExam.GetSampleClaims();
        var prepared = CredentialTypes.IpaExam.Prepare(claims, TimeProvider.System.GetUtcNow());
        var entry = await issuerHost.BadgeLists.TryAllocateAsync(new Uri(issuerHost.BadgeStatusUri), BitstringStatusPurposes.Revocation);
        var unsigned = OpenBadgeMapping.ToOpenBadge(prepared, new OpenBadgeIssue { Issuer = issuerHost.BadgeIssuer.ToString(), CredentialStatus = entry!.ToJsonObject() });
        var badge = await new DataIntegrityIssuer(issuerHost.BadgeKey, DidKey.GetKeyId(issuerHost.BadgeIssuer).ToString()).AddProofAsync(unsigned, new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022 });
        var png = new BadgeBaker().BakePng(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "badge.png")), badge.ToJsonString()).GetValueOrThrow();
        Console.WriteLine($"   baked: badge.png, {png.Length:N0} bytes, achievement {unsigned["credentialSubject"]!["achievement"]!["id"]}");

        // The employer trusts the issuer's badge DID, for the badge and for its status list.
        var dids = DidResolver.CreateDefault();
        var options = new W3cCredentialVerifierOptions { TrustedIssuers = new HashSet<string>(StringComparer.Ordinal) { issuerHost.BadgeIssuer.ToString() }, Status = StatusCheck.Required };
        var lists = new BitstringStatusListResolver(new W3cCredentialVerifier(dids, options with { Status = StatusCheck.Skip }), new HttpFetcher(http, LoopbackFetch, TimeProvider.System));
        var result = await new OpenBadgeVerifier(dids, new OpenBadgeVerifierOptions { Credential = options }, lists).VerifyAsync(png);
        Console.WriteLine($"   checks: {string.Join(", ", result.Checks.Select(c => $"{c.Check} {c.Outcome}"))}");
        if (!result.IsValid)
        {
            Console.WriteLine($"   employer (badge): REJECTED: {result.Error.Code}");
            return false;
        }

        var facts = BadgeFacts.FromOpenBadge(System.Text.Json.Nodes.JsonNode.Parse(result.Value.Credential.Json.GetRawText())!.AsObject())!;
        Console.WriteLine($"   {facts.IssuerName}: {facts.Name} / {facts.EnglishName}");
        Console.WriteLine($"   alignment {string.Join(", ", facts.AlignmentCodes)}, awarded {facts.AwardedDate:yyyy-MM-dd}, {string.Join(", ", facts.Results.Select(r => $"{r.Name} {r.Value}"))}");

        // The SD-JWT VC in the wallet names the same achievement: one award, two formats.
        var walletExam = Jws.ReadCompact(walletSdJwt.Split('~')[0]).Value.ParsePayload().Value.GetProperty("exam");
        var sameAward = walletExam.TryGetProperty("achievement_id", out var id) && id.GetString() == facts.AchievementId;
        Console.WriteLine($"   same achievement as the wallet's SD-JWT VC: {(sameAward ? "yes" : "NO")}");
        Console.WriteLine($"   employer (badge, {result.Format}): ACCEPTED");
        return sameAward;
    }

    private static async Task<ReceivedCredential?> Receive(OpenId4VciClient vci, CredentialWallet wallet, string link, string? pin, int copies = 1)
    {
        var offer = await vci.ResolveOfferAsync(link);
        if (!offer.IsValid)
        {
            Console.WriteLine($"   FAILED to resolve the offer: {offer.Error.Code}");
            return null;
        }

        var received = await vci.ReceiveAsync(offer.Value, wallet, new CredentialReceiveRequest { TransactionCode = pin, Copies = copies });
        if (!received.IsValid)
        {
            Console.WriteLine($"   FAILED: {received.Error.Code}");
            return null;
        }

        return received.Value;
    }

    /// <summary>The roots of the verifiers identified by a certificate that the wallet trusts (the demo verifier CA).</summary>
    private static System.Collections.Generic.IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> s_verifierRoots = [];

    private static async Task<bool> Present(HttpClient http, CredentialWallet wallet, VerifierHost verifier, DcqlQuery query, bool expectAccepted, ErrorCode? expectedCode = null)
    {
        var transaction = await verifier.Verifier.CreateRequestAsync(query);
        var link = transaction.ByReferenceLink ?? transaction.ByValueLink;
        ShowQr(link);
        var client = new OpenId4VpWalletClient(http, wallet, new OpenId4VpWalletClientOptions
        {
            Http = OpenId4VpWalletClientOptions.Default.Http with { RequireHttps = LoopbackFetch.RequireHttps, AddressPolicy = LoopbackFetch.AddressPolicy },
            RequestReader = OpenId4VpRequestReaderOptions.Default with { TrustAnchors = s_verifierRoots },
        });
        var submission = await client.PresentAsync(link, async (plan, ct) =>
        {
            foreach (var p in plan.Presentations)
            {
                Console.WriteLine($"   consent: {p.CredentialName} → {plan.Verifier[..Math.Min(plan.Verifier.Length, 48)]}…");
                var english = (await wallet.GetDetailsAsync(p.CredentialId, "en-US", ct)).GetValueOrThrow().Claims.ToDictionary(c => c.Path);

                // What every presentation of this credential shows: the claims the issuer did not make selectively
                // disclosable (asked for or not; the protocol claims iss, vct, dates, status and cnf left out here).
                foreach (var claim in p.AlwaysVisibleClaims.Where(c => IsContentClaim(c.Path) && IsLeaf(c.Value)))
                {
                    Console.WriteLine($"     always visible  {claim.Label} / {english.GetValueOrDefault(claim.Path)?.Label} = {claim.Value}  {claim.Path}");
                }

                // What the holder chooses to disclose: the requested claims that a selective disclosure reveals.
                foreach (var claim in p.RequestedClaims.Where(c => p.Disclosures.Any(c.Path.StartsWith)))
                {
                    Console.WriteLine($"     disclose        {claim.Label} / {english.GetValueOrDefault(claim.Path)?.Label} = {claim.Value}  {claim.Path}");
                }

                // What the person keeps to themselves: every selectively disclosable claim not asked for.
                var asked = p.Disclosures.ToHashSet();
                foreach (var withheld in english.Values.Where(c => c.IsSelectivelyDisclosable && !asked.Contains(c.Path)))
                {
                    var japanese = (await wallet.GetDetailsAsync(p.CredentialId, "ja-JP", ct)).GetValueOrThrow().Claims.First(c => c.Path.Equals(withheld.Path)).Label;
                    Console.WriteLine($"     keep private    {japanese} / {withheld.Label}");
                }
            }

            return PresentationConsent.Approve;
        });
        if (!submission.IsValid)
        {
            Console.WriteLine($"   wallet could not answer: {submission.Error.Code}");
            return false;
        }

        var result = (await verifier.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();
        foreach (var presentation in result.Presentations)
        {
            Console.WriteLine($"   checks: {string.Join(", ", presentation.Checks.Select(c => $"{c.Check} {c.Outcome}"))}");
            if (presentation.IsValid && presentation.Claims is { } claims)
            {
                // What the verifier received, split the same way as the consent screen above.
                var disclosed = presentation.DisclosedClaims;
                var alwaysVisible = ClaimPath.EnumerateAll(claims)
                    .Where(path => IsContentClaim(path) && path.TrySelect(claims, out var values) && values.Count == 1 && IsLeaf(values[0].Value) && !disclosed.Any(path.StartsWith))
                    .ToList();
                Console.WriteLine($"   verifier received, always visible: {Paths(alwaysVisible)}");
                Console.WriteLine($"   verifier received, disclosed by the holder: {Paths(disclosed)}");
            }
        }

        // The transaction fails as a whole; each presentation says why it failed.
        var reasons = result.Presentations.Where(p => !p.IsValid).Select(p => p.Checks.FirstOrDefault(c => c.Outcome == CheckOutcome.Failed)?.Error?.Code ?? p.Error!.Code).ToList();
        var outcome = result.IsAccepted ? "ACCEPTED" : $"REJECTED: {string.Join(", ", reasons.Select(r => r.ToString()))} ({result.Error?.Code})";
        Console.WriteLine($"   {verifier.Name}: {outcome}");
        return expectAccepted ? result.IsAccepted : !result.IsAccepted && reasons.Contains(expectedCode!.Value);
    }

    /// <summary>
    /// The mdoc exchange over OpenID4VP: the verifier's signed request (by reference) asks for <c>mso_mdoc</c> elements
    /// with <c>direct_post.jwt</c>; the wallet client resolves it, plans the DeviceResponse over the request's session
    /// transcript, and posts it encrypted; the verifier decrypts, checks it against the IACA and records the elements.
    /// Returns the elements the verifier received (<c>namespace:element</c> to value), or <see langword="null"/>.
    /// </summary>
    private static async Task<Dictionary<string, JsonElement>?> PresentMdoc(HttpClient http, CredentialWallet wallet, VerifierHost verifier, DcqlQuery query)
    {
        var transaction = await verifier.Verifier.CreateRequestAsync(query);
        var link = transaction.ByReferenceLink ?? transaction.ByValueLink;
        ShowQr(link);
        var client = new OpenId4VpWalletClient(http, wallet, new OpenId4VpWalletClientOptions
        {
            Http = OpenId4VpWalletClientOptions.Default.Http with { RequireHttps = LoopbackFetch.RequireHttps, AddressPolicy = LoopbackFetch.AddressPolicy },
            RequestReader = OpenId4VpRequestReaderOptions.Default with { SupportedFormats = [DcqlFormats.SdJwtVc, DcqlFormats.MsoMdoc], TrustAnchors = s_verifierRoots },
        });
        var request = await client.ResolveRequestAsync(link);
        if (!request.IsValid)
        {
            Console.WriteLine($"   wallet refused the request: {request.Error.Code}");
            return null;
        }

        // OpenID4VP 1.0 section 8.3: direct_post.jwt names the verifier's public key in client_metadata.jwks.
        var key = request.Value.EncryptionKey;
        Console.WriteLine($"   request: signed {(request.Value.IsSigned ? "yes" : "NO")}, response_mode {request.Value.Request.ResponseMode}, answer encrypted to the shop's one-time key: {(request.Value.IsEncrypted ? $"{key!.Kty} {key.Crv}, ECDH-ES + {request.Value.EncryptionMethod}" : "NO")}");
        var plan = await client.PrepareAsync(request.Value);
        if (!plan.IsValid || !plan.Value.IsSatisfiable)
        {
            Console.WriteLine($"   wallet could not answer: {(plan.IsValid ? "no matching mdoc" : plan.Error.Code.ToString())}");
            return null;
        }

        foreach (var p in plan.Value.Presentations)
        {
            Console.WriteLine($"   consent: {p.DocType} ({p.Format}): disclose {string.Join(", ", p.Disclosures.Select(d => d.ToString()))}");
        }

        var submission = await client.RespondAsync(request.Value, plan.Value, PresentationConsent.Approve);
        if (!submission.IsValid)
        {
            Console.WriteLine($"   wallet could not answer: {submission.Error.Code}");
            return null;
        }

        Console.WriteLine($"   wallet posted response=<JWE> to {verifier.Name}'s response_uri: HTTP {submission.Value.StatusCode}");
        var result = (await verifier.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();
        if (!result.IsAccepted)
        {
            Console.WriteLine($"   {verifier.Name} (mdoc): REJECTED: {result.Error?.Code}");
            return null;
        }

        var received = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var presentation in result.Presentations)
        {
            // The verifier checked the issuer signature against the IACA, each element's digest, the validity and the
            // device signature over its own session transcript; anything beyond the request would be listed as extra.
            Console.WriteLine($"   verified: {presentation.Format} {presentation.DocType}, {(presentation.IsValid ? "valid" : $"invalid ({presentation.Error!.Code})")}, beyond the request: {Paths(presentation.ExtraDisclosedClaims)}");
            if (presentation.IsValid && presentation.Claims is { } claims)
            {
                foreach (var nameSpace in claims.EnumerateObject())
                {
                    foreach (var element in nameSpace.Value.EnumerateObject())
                    {
                        received[nameSpace.Name + ":" + element.Name] = element.Value.Clone();
                    }
                }
            }
        }

        Console.WriteLine($"   {verifier.Name} received (decrypted; each element matched against the MSO digest): {string.Join(", ", received.Keys)}");
        return received;
    }

    private static DcqlQuery MdocQuery(string id, string docType, string nameSpace, string element)
        => DcqlQuery.Read($$"""{"credentials":[{"id":"{{id}}","format":"mso_mdoc","meta":{"doctype_value":"{{docType}}"},"claims":[{"path":["{{nameSpace}}","{{element}}"]}]}]}""").GetValueOrThrow();

    // The claims about the person (or the exam), as opposed to the registered claims every SD-JWT VC carries.
    private static bool IsContentClaim(ClaimPath path)
        => path.Components[0].Name is { } name && !s_registeredClaims.Contains(name);

    private static bool IsLeaf(JsonElement value) => value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);

    private static string Paths(IEnumerable<ClaimPath> paths)
    {
        var list = paths.Select(p => p.ToString()).ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list);
    }

    // vct#integrity pins the exact type metadata document the issuer meant (SRI over its bytes).
    private static async Task<string> IntegrityOf(LocalTypeMetadataRegistry registry, string vct)
        => SubresourceIntegrity.Compute((await registry.GetDocumentAsync(vct)).Value.Span);

    private static DcqlQuery Query(string id, string vct, string[] claims)
    {
        var paths = string.Join(",", claims.Select(c => "{\"path\":[" + string.Join(",", c.Split(',').Select(p => "\"" + p + "\"")) + "]}"));
        return DcqlQuery.Read($$"""{"credentials":[{"id":"{{id}}","format":"dc+sd-jwt","meta":{"vct_values":["{{vct}}"]},"claims":[{{paths}}]}]}""").GetValueOrThrow();
    }

    private static void ShowQr(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.L);
        Console.WriteLine(new AsciiQRCode(data).GetGraphicSmall());
        Console.WriteLine($"   {link}");
    }

    private static void Step(string number, string title, string detail)
    {
        Console.WriteLine();
        Console.WriteLine($"[{number}] {title}");
        Console.WriteLine($"   {detail}");
    }

    /// <summary>The issuer's web app: OpenID4VCI endpoints, protocol state in SQLite, and its status list.</summary>
    private sealed class IssuerHost : IAsyncDisposable
    {
        private WebApplication _app = null!;

        public OpenId4VciIssuer Issuer { get; private set; } = null!;

        public StatusListIssuer StatusLists { get; private set; } = null!;

        public string IssuerId { get; private set; } = string.Empty;

        public string StatusListUri { get; private set; } = string.Empty;

        /// <summary>The key that signs the issuer's Open Badges and their status list (Ed25519, for eddsa-rdfc-2022).</summary>
        public SigningKey BadgeKey { get; } = SigningKey.Create(JwsAlgorithm.EdDsa);

        /// <summary>The did:key of <see cref="BadgeKey"/>: the badges' issuer.</summary>
        public Did BadgeIssuer => DidKey.Create(BadgeKey.PublicJwk);

        /// <summary>The badges' W3C Bitstring Status Lists.</summary>
        public BitstringStatusListIssuer BadgeLists { get; private set; } = null!;

        /// <summary>Where the badges' Bitstring Status List credential is served.</summary>
        public string BadgeStatusUri { get; private set; } = string.Empty;

        public static async Task<IssuerHost> StartAsync(string folder, SigningKey key, LocalTypeMetadataRegistry metadata)
        {
            var host = new IssuerHost();
            var examIntegrity = await IntegrityOf(metadata, ExamVct);
            var ageIntegrity = await IntegrityOf(metadata, AgeVct);
            var statusStore = SqliteStatusListStore.ForFile(Path.Combine(folder, "issuer-status.db"));
            host.StatusLists = new StatusListIssuer(statusStore, new StatusListTokenIssuer(key, new StatusListTokenIssuerOptions { TimeToLive = TimeSpan.FromSeconds(1) }));
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton<IProtocolStateStore>(new SqliteProtocolStateStore(Path.Combine(folder, "issuer-state.db")));
            builder.Services.AddOpenId4VciIssuer(_ => new OpenId4VciIssuerOptions
            {
                CredentialIssuer = host.IssuerId,
                Signer = key,
                AllowHttp = true,
                StatusLists = host.StatusLists,
                StatusListUri = host.StatusListUri,
                Display = [new IssuerDisplay { Name = "情報処理推進機構（サンプル）", Locale = "ja-JP" }, new IssuerDisplay { Name = "IPA (sample)", Locale = "en-US" }],
                CredentialConfigurations =
                [
                    new IssuerCredentialConfiguration { Id = ExamConfiguration, Vct = ExamVct, VctIntegrity = examIntegrity, Display = [new CredentialDisplay { Name = "情報処理技術者試験 合格証明書", Locale = "ja-JP" }, new CredentialDisplay { Name = "IPA exam certificate", Locale = "en-US" }] },
                    new IssuerCredentialConfiguration { Id = AgeConfiguration, Vct = AgeVct, VctIntegrity = ageIntegrity, Display = [new CredentialDisplay { Name = "年齢確認証明", Locale = "ja-JP" }, new CredentialDisplay { Name = "Age credential", Locale = "en-US" }] },
                ],
                ResolveDataset = (context, _) => ValueTask.FromResult<CredentialDataset?>(Dataset(context)),
            });
            host._app = builder.Build();
            host._app.MapOpenId4VciIssuer("/ipa");
            host._app.MapStatusLists("/ipa/status/1", _ => host.StatusListUri, statusStore);
            host.BadgeLists = new BitstringStatusListIssuer(statusStore);
            host._app.MapGet("/ipa/status/badges", async () =>
            {
                // Signed for every request, so a revocation is visible at once.
                var list = await host.BadgeLists.CreateStatusListCredentialAsync(new Uri(host.BadgeStatusUri), host.BadgeIssuer.ToString(), BitstringStatusPurposes.Revocation);
                var signed = await new DataIntegrityIssuer(host.BadgeKey, DidKey.GetKeyId(host.BadgeIssuer).ToString()).AddProofAsync(list, new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022 });
                return Microsoft.AspNetCore.Http.Results.Text(signed.ToJsonString(), "application/vc");
            });
            await host._app.StartAsync();
            var origin = "http://127.0.0.1:" + new Uri(host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
            host.IssuerId = origin + "/ipa";
            host.StatusListUri = origin + "/ipa/status/1";
            await host.StatusLists.CreateListAsync(host.StatusListUri, bits: 2, capacity: 4096);
            host.BadgeStatusUri = origin + "/ipa/status/badges";
            await host.BadgeLists.CreateListAsync(new Uri(host.BadgeStatusUri));
            host.Issuer = host._app.Services.GetRequiredService<OpenId4VciIssuer>();
            await host.StatusLists.PublishAsync(host.StatusListUri);
            return host;
        }

        // The app decides what goes into each credential: here, a lookup by the subject the offer was made for.
        private static CredentialDataset? Dataset(CredentialIssuanceContext context)
        {
            var claims = context.CredentialConfigurationId == AgeConfiguration
                ? SdJwtPayload.Create().Disclosable("age_over_18", true).Disclosable("age_over_20", true).Disclosable("birth_date", "2003-11-08").Decoys(2)
                : SdJwtPayload.Create()
                    .Object("exam", e => e.Claim("category_code", "FE").Claim("achievement_id", IpaExamCredentialType.AchievementId("FE")).Claim("name", "基本情報技術者試験").Claim("name#en-US", "Fundamental Information Technology Engineer Examination").Claim("session", "2026-05"))
                    .Disclosable("pass_date", "2026-06-15")
                    .Disclosable("certificate_number", "2026-05-01234")
                    .Disclosable("family_name", "高橋")
                    .Disclosable("given_name", "結衣")
                    .Disclosable("birthdate", "2003-11-08")
                    .Decoys(3);
            return new CredentialDataset { Claims = claims };
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            BadgeKey.Dispose();
        }
    }

    /// <summary>
    /// A verifier's web app: OpenID4VP endpoints with signed request objects (client id = its did:key, or, with a
    /// certificate from a CA, <c>x509_san_dns:localhost</c> with the chain in <c>x5c</c>).
    /// </summary>
    private sealed class VerifierHost : IAsyncDisposable
    {
        private WebApplication _app = null!;
        private SigningKey _key = null!;
        private bool _ownsKey;

        /// <summary>The verifier's leaf certificate when it is identified by one, else <see langword="null"/>.</summary>
        public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; private set; }

        public string Name { get; private set; } = string.Empty;

        public OpenId4VpVerifier Verifier { get; private set; } = null!;

        /// <summary>The verifier's client_id (its did:key with the decentralized_identifier prefix).</summary>
        public string ClientId { get; private set; } = string.Empty;

        /// <summary>Where the wallet posts its answer (the response_uri of the verifier's requests).</summary>
        public string ResponseUri { get; private set; } = string.Empty;

        /// <summary>
        /// Starts the verifier. With <paramref name="mdoc"/> it also verifies <c>mso_mdoc</c> answers against those trust
        /// anchors and asks for encrypted responses (<c>direct_post.jwt</c>, OpenID4VP 1.0 section 8.3), as HAIP requires.
        /// </summary>
        public static async Task<VerifierHost> StartAsync(string folder, string name, SdJwtVcVerifier credentials, Credentials.Mdoc.MdocVerifierOptions? mdoc = null, VerifierHost? sameVerifierAs = null, (SigningKey Key, System.Security.Cryptography.X509Certificates.X509Certificate2 Root)? x509Ca = null)
        {
            // A second endpoint of the same verifier signs with the same key (and certificate), so it has the same client_id.
            var host = new VerifierHost { Name = name, _key = sameVerifierAs?._key ?? SigningKey.Create(JwsAlgorithm.Es256), _ownsKey = sameVerifierAs is null };
            host.Certificate = sameVerifierAs?.Certificate
                ?? (x509Ca is { } ca ? VerifierCertificates.CreateLeaf(ca.Key, ca.Root, host._key, "localhost", TimeSpan.FromDays(7)) : null);
            var stateName = sameVerifierAs is null ? name : name + "-" + (mdoc is null ? "2" : "mdoc");
            var did = DidKey.Create(host._key);
            var clientId = host.Certificate is null ? ClientIdentifier.ForDid(did.Value).Value : ClientIdentifier.ForX509SanDns("localhost").Value;
            var origin = string.Empty;
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton<IProtocolStateStore>(new SqliteProtocolStateStore(Path.Combine(folder, stateName + "-state.db")));
            builder.Services.AddSingleton(credentials);
            builder.Services.AddOpenId4VpVerifier(_ => new OpenId4VpVerifierOptions
            {
                ClientId = clientId,
                ResponseUri = new Uri(origin + "/openid4vp/response"),
                RequestUriBase = new Uri(origin + "/openid4vp/request"),
                RequestSigner = host._key,
                RequestSignerKeyId = host.Certificate is null ? DidKey.GetKeyId(did).Value : null,
                RequestCertificateChain = host.Certificate is null ? [] : [host.Certificate],
                RequestUriMethod = host.Certificate is null ? null : OpenId4VpConstants.RequestUriMethodPost,
                Policy = new OpenId4VpPresentationPolicy { Status = StatusCheck.Required, TypeMetadata = TypeMetadataCheck.Required },
                Mdoc = mdoc,
                ResponseMode = mdoc is null ? OpenId4VpConstants.ResponseModeDirectPost : OpenId4VpConstants.ResponseModeDirectPostJwt,
            });
            host._app = builder.Build();
            host._app.MapOpenId4VpVerifier();
            await host._app.StartAsync();
            // x509_san_dns: the response_uri host must be the certificate's DNS name (OpenID4VP 1.0 section 5.9.3).
            origin = (host.Certificate is null ? "http://127.0.0.1:" : "http://localhost:") + new Uri(host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
            host.Verifier = host._app.Services.GetRequiredService<OpenId4VpVerifier>();
            host.ClientId = clientId;
            host.ResponseUri = origin + "/openid4vp/response";
            return host;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            if (_ownsKey)
            {
                _key.Dispose();
                Certificate?.Dispose();
            }
        }
    }
}
