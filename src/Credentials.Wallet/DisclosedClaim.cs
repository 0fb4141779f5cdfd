using Credentials.SdJwt;

namespace Credentials.Wallet;

/// <summary>A claim disclosed in a presentation.</summary>
/// <param name="Path">The claim path.</param>
/// <param name="ValueJson">The disclosed value as JSON text; kept only when <see cref="WalletOptions.LogClaimValues"/> is on.</param>
public sealed record DisclosedClaim(ClaimPath Path, string? ValueJson = null);
