namespace Credentials.Dcql.Matching;

/// <summary>A Claims Query a candidate does not satisfy, for telling the End-User what is missing.</summary>
/// <param name="Claim">The Claims Query (its <see cref="ClaimsQuery.Path"/> is the missing claim).</param>
/// <param name="Reason">Why.</param>
public sealed record DcqlClaimFailure(ClaimsQuery Claim, DcqlClaimFailureReason Reason);
