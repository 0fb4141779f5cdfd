using System.Collections.Generic;

namespace Credentials.SdJwtVc;

/// <summary>Claim and type names of the SD-JWT VC profile (draft-ietf-oauth-sd-jwt-vc-25).</summary>
public static class SdJwtVcClaimNames
{
    /// <summary>The <c>typ</c> of an SD-JWT VC (section 3.2.1).</summary>
    public const string MediaType = "dc+sd-jwt";

    /// <summary>The earlier <c>typ</c>, accepted during the transition when the verifier allows it.</summary>
    public const string LegacyMediaType = "vc+sd-jwt";

    /// <summary><c>vct</c>: the credential type.</summary>
    public const string Vct = "vct";

    /// <summary><c>vct#integrity</c>: the SRI hash of the type metadata document.</summary>
    public const string VctIntegrity = "vct#integrity";

    /// <summary><c>iss</c>.</summary>
    public const string Iss = "iss";

    /// <summary><c>iat</c>.</summary>
    public const string Iat = "iat";

    /// <summary><c>nbf</c>.</summary>
    public const string Nbf = "nbf";

    /// <summary><c>exp</c>.</summary>
    public const string Exp = "exp";

    /// <summary><c>sub</c>.</summary>
    public const string Sub = "sub";

    /// <summary><c>cnf</c>.</summary>
    public const string Cnf = "cnf";

    /// <summary><c>status</c>.</summary>
    public const string Status = "status";

    /// <summary>
    /// The registered claims that must never be selectively disclosable (section 3.2.2.2): <c>iss</c>, <c>nbf</c>,
    /// <c>exp</c>, <c>cnf</c>, <c>vct</c>, <c>vct#integrity</c>, <c>status</c>.
    /// </summary>
    public static IReadOnlyList<string> NeverDisclosable { get; } = [Iss, Nbf, Exp, Cnf, Vct, VctIntegrity, Status];
}
