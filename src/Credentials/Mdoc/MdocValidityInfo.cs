using System;

namespace Credentials.Mdoc;

/// <summary>The MSO's <c>validityInfo</c> (ISO/IEC 18013-5 §9.1.2.4): when it was signed and when it is valid.</summary>
/// <param name="Signed">When the MSO was signed.</param>
/// <param name="ValidFrom">The start of validity.</param>
/// <param name="ValidUntil">The end of validity.</param>
/// <param name="ExpectedUpdate">When the issuer expects to re-sign the MSO, if stated.</param>
public sealed record MdocValidityInfo(DateTimeOffset Signed, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, DateTimeOffset? ExpectedUpdate = null);
