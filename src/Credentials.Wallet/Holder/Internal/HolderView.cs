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
internal sealed class HolderView
{
    private HolderView(SdJwtToken sdJwt, JsonElement claims, ImmutableArray<DisclosableClaim> disclosable)
    {
        SdJwt = sdJwt;
        Claims = claims;
        Disclosable = disclosable;
        var paths = new HashSet<ClaimPath>();
        foreach (var d in disclosable)
        {
            paths.Add(d.Path);
        }

        SelectivelyDisclosable = paths;
    }

    public SdJwtToken SdJwt { get; }

    public JsonElement Claims { get; }

    public ImmutableArray<DisclosableClaim> Disclosable { get; }

    public IReadOnlySet<ClaimPath> SelectivelyDisclosable { get; }

    public bool HasHolderBinding => Claims.TryGetProperty("cnf", out var cnf) && cnf.ValueKind == JsonValueKind.Object;

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
