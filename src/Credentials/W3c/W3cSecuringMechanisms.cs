using System;

namespace Credentials.W3c;

/// <summary>Names of the mechanisms that secure W3C credentials and presentations, as reported by verifiers.</summary>
public static class W3cSecuringMechanisms
{
    /// <summary>A credential secured as a JWS of media type <c>application/vc+jwt</c> (VC-JOSE-COSE section 3.1.1).</summary>
    public const string VcJwt = "vc+jwt";

    /// <summary>A presentation secured as a JWS of media type <c>application/vp+jwt</c> (VC-JOSE-COSE section 3.1.2).</summary>
    public const string VpJwt = "vp+jwt";

    /// <summary>A credential without a proof of its own, carried in a presentation by its issuer, the holder, and secured by the presentation's proof (VCDM 2.0 section 4.13).</summary>
    public const string SelfAsserted = "self-asserted";

    /// <summary>The name of a Data Integrity proof with a cryptosuite: <c>DataIntegrityProof/eddsa-rdfc-2022</c>.</summary>
    /// <param name="cryptosuite">The cryptosuite, for example <c>eddsa-rdfc-2022</c>.</param>
    /// <exception cref="ArgumentException">The cryptosuite is empty.</exception>
    public static string DataIntegrity(string cryptosuite)
    {
        ArgumentException.ThrowIfNullOrEmpty(cryptosuite);
        return "DataIntegrityProof/" + cryptosuite;
    }
}
