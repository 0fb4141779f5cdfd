using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.Json;
using Credentials.SdJwt;

namespace Credentials.Wallet.Holder.Internal;

/// <summary>
/// The holder's view of an issued SD-JWT: every claim with all of its disclosures applied, and the paths of the
/// selectively disclosable claims. Built locally from the stored credential, without resolving the issuer's key, so
/// answering a query never contacts the issuer.
/// </summary>
/// <remarks>
/// Built with <see cref="SdJwtHolder.GetDisclosableClaims"/> and <see cref="SdJwtHolder.GetClaims"/>, which check every
/// disclosure against the payload; the credential's signature was verified in full on import.
/// </remarks>
internal sealed partial class HolderView
{
    private readonly SdJwtToken? _sdJwt;

    private HolderView(SdJwtToken? sdJwt, JsonElement claims, ImmutableArray<DisclosableClaim> disclosable)
    {
        _sdJwt = sdJwt;
        Claims = claims;
        Disclosable = disclosable;
        var paths = new HashSet<ClaimPath>();
        foreach (var d in disclosable)
        {
            paths.Add(d.Path);
        }

        SelectivelyDisclosable = paths;
    }

    public SdJwtToken SdJwt => _sdJwt ?? throw new System.InvalidOperationException("A W3C credential has no SD-JWT.");

    /// <summary>Whether this is a W3C credential (<c>jwt_vc_json</c>, <c>ldp_vc</c>): every claim is always disclosed.</summary>
    public bool IsW3c => _sdJwt is null && Mdoc is null;

    public JsonElement Claims { get; }

    public ImmutableArray<DisclosableClaim> Disclosable { get; }

    public IReadOnlySet<ClaimPath> SelectivelyDisclosable { get; }

    public bool HasHolderBinding => Claims.TryGetProperty("cnf", out var cnf) && cnf.ValueKind == JsonValueKind.Object;

    /// <summary>
    /// The view of a stored W3C credential: the credential object itself (for a JWT, its payload; for a VCDM 1.1 JWT,
    /// its <c>vc</c> claim), nothing selectively disclosable. Its proof was verified on import.
    /// </summary>
    public static VerificationResult<HolderView> BuildW3c(string raw)
    {
        var claims = W3cStoredCredential.ReadClaims(raw);
        return claims.IsValid ? new HolderView(null, claims.Value, []) : claims.Error;
    }

    public static VerificationResult<HolderView> Build(string raw, SdJwtHolder holder, SdJwtReaderOptions limits)
    {
        var parsed = global::Credentials.SdJwt.SdJwtToken.Read(raw, limits);
        if (!parsed.IsValid)
        {
            return parsed.Error;
        }

        var disclosable = holder.GetDisclosableClaims(parsed.Value);
        if (!disclosable.IsValid)
        {
            return disclosable.Error;
        }

        var claims = holder.GetClaims(parsed.Value);
        if (!claims.IsValid)
        {
            return claims.Error;
        }

        return new HolderView(parsed.Value, claims.Value, disclosable.Value);
    }
}
