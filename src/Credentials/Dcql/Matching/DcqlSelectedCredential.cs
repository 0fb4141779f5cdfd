namespace Credentials.Dcql.Matching;

/// <summary>One entry of the suggested answer: a Credential Query id and the candidate that answers it.</summary>
public sealed record DcqlSelectedCredential
{
    /// <summary>The Credential Query; its id keys the presentation in the <c>vp_token</c>.</summary>
    public required CredentialQuery Query { get; init; }

    /// <summary>The chosen candidate and claims (the candidate with the fewest disclosures).</summary>
    public required DcqlCandidateMatch Match { get; init; }

    /// <summary>Whether it is there only for an optional Credential Set Query, so the End-User may drop it.</summary>
    public bool IsOptional { get; init; }
}
