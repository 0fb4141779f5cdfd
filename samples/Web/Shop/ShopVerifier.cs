using System;
using Credentials.Dcql;
using Credentials.Mdoc;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwtVc;
using Credentials.Samples.Web.Trust;
using Credentials.Status;

namespace Credentials.Samples.Web.Shop;

/// <summary>
/// The shop's OpenID4VP verifier (<c>redirect_uri</c> client identifier, <c>direct_post</c> to
/// <c>/shop/openid4vp/response</c>), trusting the app's <see cref="SampleTrust"/> for the age type only. Built when
/// first used, once the app's origin is known. Age mdocs (<c>mso_mdoc</c>, <see cref="ShopAgeIssuer.MdocDocType"/>) are
/// verified against the sample age service's IACA root (<see cref="ShopAgeIssuer.Iaca"/>) only.
/// </summary>
public sealed class ShopVerifier
{
    /// <summary>The name of the keyed <see cref="OpenId4VpVerifier"/> service the endpoints and the scheme use.</summary>
    public const string Name = "shop";

    /// <summary>Where the wallet posts its answer.</summary>
    public const string ResponsePath = "/shop/openid4vp/response";

    /// <summary>Where the wallet fetches the signed-by-reference request object.</summary>
    public const string RequestPath = "/shop/openid4vp/request";

    private readonly Lazy<OpenId4VpVerifier> _verifier;

    /// <summary>Creates the verifier's factory.</summary>
    /// <param name="origin">The app's origin.</param>
    /// <param name="store">The protocol state store.</param>
    /// <param name="trust">The trusted issuers.</param>
    /// <param name="ageIssuer">The sample age service, whose IACA root is the trust anchor for age mdocs.</param>
    /// <param name="time">The app's clock.</param>
    public ShopVerifier(WebOrigin origin, IProtocolStateStore store, SampleTrust trust, ShopAgeIssuer ageIssuer, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(ageIssuer);
        _verifier = new Lazy<OpenId4VpVerifier>(() =>
        {
            var responseUri = new Uri(origin.Value + ResponsePath);
            var credentials = new SdJwtVcVerifier(trust.List, options: new SdJwtVcVerifierOptions { TimeProvider = time });
            return new OpenId4VpVerifier(store, credentials, new OpenId4VpVerifierOptions
            {
                ClientId = ClientIdentifier.ForRedirectUri(responseUri).Value,
                ResponseUri = responseUri,
                Policy = new OpenId4VpPresentationPolicy
                {
                    IssuerAuthorization = trust.List,
                    AcceptedVcts = [AgeCredentialType.TypeUri],
                    // Age credentials carry no status: a short validity replaces revocation (see AgeCredentialType).
                    Status = StatusCheck.Skip,
                },
                // ISO/IEC 18013-5 section 9.3.3: the verifier holds its IACA roots itself; only the age document type.
                Mdoc = new MdocVerifierOptions { TrustAnchors = [ageIssuer.Iaca], AcceptedDocTypes = [ShopAgeIssuer.MdocDocType], TimeProvider = time },
                // OpenID4VP 1.0 Appendix A.4: a Digital Credentials API presentation is bound to origin: + the page's
                // Origin; only the app's own page may ask (the shop's DC API button, ShopDigitalCredentials).
                ExpectedOrigins = [origin.Value],
                TimeProvider = time,
            });
        });
    }

    /// <summary>The credential query id of the SD-JWT VC age credential.</summary>
    public const string SdJwtQueryId = "age";

    /// <summary>The credential query id of the age mdoc.</summary>
    public const string MdocQueryId = "age_mdoc";

    /// <summary>The claim type the handler gives the mdoc's <c>age_over_20</c> (its namespace, then the element).</summary>
    public const string MdocAgeOver20Claim = ShopAgeIssuer.MdocDocType + ".age_over_20";

    /// <summary>
    /// What the till asks for: <c>age_over_20</c> of an age credential, nothing else (no birth date, no name), either
    /// as an SD-JWT VC or as an age mdoc (<c>credential_sets</c>: one of the two, OpenID4VP 1.0 section 6.2). No
    /// <c>values</c> constraint: a wallet holding <c>age_over_20: false</c> answers too, and the shop says why it refuses.
    /// </summary>
    public static DcqlQuery Query { get; } = DcqlQuery.Read($$"""
        {"credentials":[
          {"id":"{{SdJwtQueryId}}","format":"dc+sd-jwt","meta":{"vct_values":["{{AgeCredentialType.TypeUri}}"]},"claims":[{"path":["age_over_20"]}]},
          {"id":"{{MdocQueryId}}","format":"mso_mdoc","meta":{"doctype_value":"{{ShopAgeIssuer.MdocDocType}}"},"claims":[{"path":["{{ShopAgeIssuer.MdocDocType}}","age_over_20"]}]}],
         "credential_sets":[{"options":[["{{SdJwtQueryId}}"],["{{MdocQueryId}}"]]}]}
        """).GetValueOrThrow();

    /// <summary>The verifier.</summary>
    public OpenId4VpVerifier Verifier => _verifier.Value;
}
