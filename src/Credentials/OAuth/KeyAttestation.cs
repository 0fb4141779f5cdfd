using System;
using System.Collections.Generic;

namespace Credentials.OAuth;

/// <summary>
/// Wire names of key attestations (OpenID4VCI 1.0 appendix D): the JWT type, the <c>attestation</c> proof type and the
/// attack potential resistance levels of <c>key_storage</c> and <c>user_authentication</c> (appendix D.2).
/// </summary>
public static class KeyAttestation
{
    /// <summary>The JOSE <c>typ</c> of a key attestation JWT.</summary>
    public const string Type = "key-attestation+jwt";

    /// <summary>The JOSE header of a <c>jwt</c> key proof that carries a key attestation (appendix F.1).</summary>
    public const string HeaderName = "key_attestation";

    /// <summary>The proof type whose proof is a key attestation alone (appendix F.3).</summary>
    public const string ProofType = "attestation";

    /// <summary>Resistant to attack potential "High" (VAN.5, ISO/IEC 18045).</summary>
    public const string Iso18045High = "iso_18045_high";

    /// <summary>Resistant to attack potential "Moderate" (VAN.4).</summary>
    public const string Iso18045Moderate = "iso_18045_moderate";

    /// <summary>Resistant to attack potential "Enhanced-Basic" (VAN.3).</summary>
    public const string Iso18045EnhancedBasic = "iso_18045_enhanced-basic";

    /// <summary>Resistant to attack potential "Basic" (VAN.2).</summary>
    public const string Iso18045Basic = "iso_18045_basic";

    private static readonly string[] s_levels = [Iso18045High, Iso18045Moderate, Iso18045EnhancedBasic, Iso18045Basic];

    /// <summary>
    /// The ISO/IEC 18045 levels at or above <paramref name="minimum"/>, strongest first: the values to accept for a
    /// policy such as "at least moderate" (<c>iso_18045_high</c>, <c>iso_18045_moderate</c>).
    /// </summary>
    /// <param name="minimum">One of the four ISO/IEC 18045 values.</param>
    /// <returns>The accepted values.</returns>
    /// <exception cref="ArgumentException"><paramref name="minimum"/> is not an ISO/IEC 18045 level.</exception>
    public static IReadOnlyList<string> LevelsAtLeast(string minimum)
    {
        var index = Array.IndexOf(s_levels, minimum);
        if (index < 0)
        {
            throw new ArgumentException("Not one of the ISO/IEC 18045 levels of OpenID4VCI 1.0 appendix D.2.", nameof(minimum));
        }

        return s_levels[..(index + 1)];
    }
}
