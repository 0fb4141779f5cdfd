using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Internal;
using Credentials.Keys;
using Credentials.Mdoc;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwtVc;
using Credentials.Testing;
using Credentials.Tests.Mdoc;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.OpenId4Vp;

/// <summary>
/// <c>mso_mdoc</c> vp_tokens at the OpenID4VP verifier (Appendix B.2): the DeviceResponse must be bound to this request's
/// session transcript (redirect flow with and without an encrypted response, and the DC API Origin), be of the query's
/// doctype, and disclose nothing the query did not ask for; and the verifier metadata vector.
/// </summary>
public sealed class OpenId4VpResponseModeMdocTests
{
    private const string ResponseUri = "https://verifier.example.jp/openid4vp/response";
    private const string Origin = "https://verifier.example.jp";

    private static DcqlQuery AgeQuery(string doctype = MdocDocTypes.Mdl) => DcqlQuery.Read($$"""
        {"credentials":[{"id":"mdl","format":"mso_mdoc","meta":{"doctype_value":"{{doctype}}"},"claims":[{"path":["org.iso.18013.5.1","age_over_20"],"values":[true]}]}]}
        """).GetValueOrThrow();

    private static OpenId4VpVerifier Verifier(MdocCoreTestIssuer issuer, string responseMode = OpenId4VpConstants.ResponseModeDirectPost, string dcApiMode = OpenId4VpConstants.ResponseModeDcApi)
    {
        var clock = new FakeTimeProvider(MdocCoreTestIssuer.Now.AddDays(1));
        return new OpenId4VpVerifier(new InMemoryProtocolStateStore(), new SdJwtVcVerifier(new TrustList([])), new OpenId4VpVerifierOptions
        {
            ClientId = "redirect_uri:" + ResponseUri,
            ResponseUri = new Uri(ResponseUri),
            ResponseMode = responseMode,
            DcApiResponseMode = dcApiMode,
            ExpectedOrigins = [Origin],
            Mdoc = new MdocVerifierOptions { TrustAnchors = [issuer.Iaca], TimeProvider = clock },
            TimeProvider = clock,
        });
    }

    private static async Task<string> PresentAsync(MdocCoreTestIssuer issuer, SessionTranscript transcript, params string[] elements)
    {
        var (issued, deviceKey) = await MdocCoreRoundTripTests.IssueAsync(issuer);
        using (deviceKey)
        {
            return StrictBase64Url.Encode(await MdocCoreRoundTripTests.PresentAsync(issued, deviceKey, transcript, elements));
        }
    }

    private static List<KeyValuePair<string, string>> Form(string state, string presentation)
        => [new("vp_token", "{\"mdl\":[\"" + presentation + "\"]}"), new("state", state)];

    [Fact]
    public async Task DirectPost_MdocBoundToOpenId4VpHandover_AcceptedWithOnlyAgeOver20()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        var verifier = Verifier(issuer);
        var transaction = await verifier.CreateRequestAsync(AgeQuery());
        var transcript = SessionTranscript.ForOpenId4Vp(transaction.Request.ClientId, transaction.Request.Nonce, null, ResponseUri);

        var answer = await verifier.ReceiveResponseAsync(Form(transaction.Request.State!, await PresentAsync(issuer, transcript, "age_over_20")));

        Assert.Equal(200, answer.StatusCode);
        var result = (await verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, result.Status);
        var presentation = Assert.Single(result.ValidPresentationsFor("mdl"));
        Assert.Equal(MdocDocTypes.Mdl, presentation.DocType);
        Assert.Equal("mso_mdoc", presentation.Format);
        Assert.True(presentation.Claims!.Value.GetProperty("org.iso.18013.5.1").GetProperty("age_over_20").GetBoolean());
        Assert.Equal(["[\"org.iso.18013.5.1\",\"age_over_20\"]"], presentation.RequestedClaims.Select(p => p.ToString()));
        Assert.Contains("mso_mdoc", transaction.Request.ClientMetadata!.Value.GetProperty("vp_formats_supported").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectPostJwt_TranscriptWithoutThumbprint_HolderBindingFailed_WithThumbprint_Accepted()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        var verifier = Verifier(issuer, OpenId4VpConstants.ResponseModeDirectPostJwt);
        var first = await verifier.CreateRequestAsync(AgeQuery());
        var second = await verifier.CreateRequestAsync(AgeQuery());

        var withoutThumbprint = await verifier.ReceiveResponseAsync([new("response", Encrypt(first, await PresentAsync(issuer, SessionTranscript.ForOpenId4Vp(first.Request.ClientId, first.Request.Nonce, null, ResponseUri), "age_over_20")))]);
        var withThumbprint = await verifier.ReceiveResponseAsync([new("response", Encrypt(second, await PresentAsync(issuer, SessionTranscript.ForOpenId4Vp(second.Request.ClientId, second.Request.Nonce, Thumbprint(second), ResponseUri), "age_over_20")))]);

        Assert.Equal(OpenId4VpErrors.HolderBindingFailed, withoutThumbprint.Code);
        Assert.Equal(200, withThumbprint.StatusCode);
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, (await verifier.GetResultAsync(second.TransactionId)).GetValueOrThrow().Status);
    }

    [Fact]
    public async Task DirectPost_OtherNonce_HolderBindingFailed()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        var verifier = Verifier(issuer);
        var transaction = await verifier.CreateRequestAsync(AgeQuery());
        var transcript = SessionTranscript.ForOpenId4Vp(transaction.Request.ClientId, "another-nonce", null, ResponseUri);

        var answer = await verifier.ReceiveResponseAsync(Form(transaction.Request.State!, await PresentAsync(issuer, transcript, "age_over_20")));

        Assert.Equal(OpenId4VpErrors.HolderBindingFailed, answer.Code);
    }

    [Fact]
    public async Task DirectPost_ElementNotAsked_Refused()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        var verifier = Verifier(issuer);
        var transaction = await verifier.CreateRequestAsync(AgeQuery());
        var transcript = SessionTranscript.ForOpenId4Vp(transaction.Request.ClientId, transaction.Request.Nonce, null, ResponseUri);

        var answer = await verifier.ReceiveResponseAsync(Form(transaction.Request.State!, await PresentAsync(issuer, transcript, "age_over_20", "birth_date")));

        Assert.Equal(400, answer.StatusCode);
        var result = (await verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();
        Assert.Equal(OpenId4VpErrors.UnrequestedElements, Assert.Single(result.Presentations).Error!.Code);
        Assert.Null(result.Presentations[0].Claims);
    }

    [Fact]
    public async Task DirectPost_OtherDoctype_CredentialTypeMismatch()
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        var verifier = Verifier(issuer);
        var transaction = await verifier.CreateRequestAsync(AgeQuery("org.iso.23220.photoid.1"));
        var transcript = SessionTranscript.ForOpenId4Vp(transaction.Request.ClientId, transaction.Request.Nonce, null, ResponseUri);

        await verifier.ReceiveResponseAsync(Form(transaction.Request.State!, await PresentAsync(issuer, transcript, "age_over_20")));

        var result = (await verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();
        Assert.Equal(OpenId4VpErrors.CredentialTypeMismatch, Assert.Single(result.Presentations).Error!.Code);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DcApi_MdocBoundToOriginHandover_Accepted_AnotherOrigin_HolderBindingFailed(bool encrypted)
    {
        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        var verifier = Verifier(issuer, dcApiMode: encrypted ? OpenId4VpConstants.ResponseModeDcApiJwt : OpenId4VpConstants.ResponseModeDcApi);
        var good = await verifier.CreateDigitalCredentialsApiRequestAsync(AgeQuery());
        var bad = await verifier.CreateDigitalCredentialsApiRequestAsync(AgeQuery());

        var accepted = await verifier.ReceiveDigitalCredentialsApiResponseAsync(good.TransactionId, await DcApiDataAsync(issuer, good, Origin, encrypted), Origin);
        var refused = await verifier.ReceiveDigitalCredentialsApiResponseAsync(bad.TransactionId, await DcApiDataAsync(issuer, bad, "https://relay.example", encrypted), Origin);

        Assert.Equal(OpenId4VpTransactionStatus.Accepted, accepted.GetValueOrThrow().Status);
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed, refused.GetValueOrThrow().Error!.Code);
    }

    [Fact]
    public async Task VerifierMetadataVector_ReadByTheWalletReader_AndOursHasTheSameShape()
    {
        // specs/vectors/mdoc/openid4vp-1.0/mso_mdoc_verifier_metadata.json (OpenID4VP 1.0 examples/client_metadata).
        var path = Path.Combine(RepositoryRoot.Path, "specs", "vectors", "mdoc", "openid4vp-1.0", "mso_mdoc_verifier_metadata.json");
        using var vector = JsonDocument.Parse(File.ReadAllText(path));
        var formats = vector.RootElement.GetProperty("vp_formats_supported").GetProperty("mso_mdoc");
        Assert.Equal([-9L, -50L], formats.GetProperty("issuerauth_alg_values").EnumerateArray().Select(v => v.GetInt64()));
        Assert.Equal([-9L, -50L], formats.GetProperty("deviceauth_alg_values").EnumerateArray().Select(v => v.GetInt64()));

        var request = new AuthorizationRequest
        {
            ClientId = "redirect_uri:" + ResponseUri,
            ResponseUri = ResponseUri,
            Nonce = "n-0S6_WzA2Mj",
            State = "s",
            DcqlQuery = AgeQuery(),
            ClientMetadata = vector.RootElement.Clone(),
        };
        var mdocWallet = new OpenId4VpRequestReader(new OpenId4VpRequestReaderOptions { SupportedFormats = [DcqlFormats.MsoMdoc] });
        var sdJwtWallet = new OpenId4VpRequestReader();
        var link = AuthorizationRequestLink.Read(AuthorizationRequestLink.Create("openid4vp://", request.ToParameters())).GetValueOrThrow();

        Assert.True((await mdocWallet.ReadAsync(link)).IsValid);
        Assert.Equal(OpenId4VpErrors.VpFormatsNotSupported, (await sdJwtWallet.ReadAsync(link)).Error?.Code);

        using var issuer = MdocCoreTestIssuer.Create(JwsAlgorithm.Es256);
        var ours = (await Verifier(issuer).CreateRequestAsync(AgeQuery())).Request.ClientMetadata!.Value.GetProperty("vp_formats_supported").GetProperty("mso_mdoc");
        Assert.All(new[] { "issuerauth_alg_values", "deviceauth_alg_values" }, name => Assert.All(ours.GetProperty(name).EnumerateArray(), v => Assert.Equal(JsonValueKind.Number, v.ValueKind)));
    }

    private static async Task<JsonElement> DcApiDataAsync(MdocCoreTestIssuer issuer, OpenId4VpDcApiTransaction transaction, string walletOrigin, bool encrypted)
    {
        var request = await new OpenId4VpRequestReader(new OpenId4VpRequestReaderOptions { SupportedFormats = [DcqlFormats.MsoMdoc] })
            .ReadDigitalCredentialsApiAsync(transaction.Protocol, transaction.Data, walletOrigin);
        Assert.True(request.IsValid, request.Error?.ToString());
        Assert.Equal(encrypted, request.Value.IsEncrypted);
        var transcript = SessionTranscript.ForDigitalCredentialsApi(walletOrigin, request.Value.Nonce, request.Value.ComputeEncryptionKeyThumbprint());
        var vpToken = "{\"mdl\":[\"" + await PresentAsync(issuer, transcript, "age_over_20") + "\"]}";
        var json = encrypted
            ? "{\"response\":\"" + Credentials.Jose.JweEncrypter.Encrypt(System.Text.Encoding.UTF8.GetBytes("{\"vp_token\":" + vpToken + "}"), request.Value.EncryptionKey!, Credentials.Jose.JweEncryption.A128Gcm, new Credentials.Jose.JweHeaderOptions { KeyId = request.Value.EncryptionKey!.Kid }) + "\"}"
            : "{\"vp_token\":" + vpToken + "}";
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static Jwk Key(OpenId4VpTransaction transaction)
        => Jwk.ReadPublic(transaction.Request.ClientMetadata!.Value.GetProperty("jwks").GetProperty("keys")[0]).GetValueOrThrow();

    private static byte[] Thumbprint(OpenId4VpTransaction transaction) => StrictBase64Url.TryDecode(Key(transaction).ComputeThumbprint())!;

    private static string Encrypt(OpenId4VpTransaction transaction, string presentation)
        => Credentials.Jose.JweEncrypter.Encrypt(
            System.Text.Encoding.UTF8.GetBytes("{\"vp_token\":{\"mdl\":[\"" + presentation + "\"]},\"state\":\"" + transaction.Request.State + "\"}"),
            Key(transaction),
            Credentials.Jose.JweEncryption.A128Gcm,
            new Credentials.Jose.JweHeaderOptions { KeyId = transaction.Request.State });
}
