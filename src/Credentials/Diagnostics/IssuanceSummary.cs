using System.Collections.Generic;

namespace Credentials.Diagnostics;

/// <summary>What one successful Credential Request issued: identifiers and a count, never a claim.</summary>
/// <param name="Format">The format identifier (<c>dc+sd-jwt</c>, <c>jwt_vc_json</c>, <c>ldp_vc</c>).</param>
/// <param name="ConfigurationId">The credential configuration id.</param>
/// <param name="Vct">The configuration's <c>vct</c> (SD-JWT VC only).</param>
/// <param name="Count">How many credentials (the batch size).</param>
internal sealed record IssuanceSummary(string Format, string ConfigurationId, string? Vct, int Count)
{
    /// <summary>The subject id of the grant (the offer's <c>SubjectId</c>, or the authorization's): for the app, never logged.</summary>
    public string? SubjectId { get; init; }

    /// <summary>The status list entry of each credential, in the order of the credentials (empty without status lists): for the app, never logged.</summary>
    public IReadOnlyList<Status.StatusReference> StatusReferences { get; init; } = [];
}
