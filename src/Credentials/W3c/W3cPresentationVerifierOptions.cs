using System;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.VcJose;

namespace Credentials.W3c;

/// <summary>Options of a <see cref="W3cPresentationVerifier"/>.</summary>
public sealed record W3cPresentationVerifierOptions
{
    /// <summary>The defaults.</summary>
    public static W3cPresentationVerifierOptions Default { get; } = new();

    /// <summary>Verifies the presentation's Data Integrity proof (cryptosuites, JSON-LD contexts, clock).</summary>
    public DataIntegrityVerifierOptions DataIntegrity { get; init; } = DataIntegrityVerifierOptions.Default;

    /// <summary>Verifies a <c>vp+jwt</c> presentation (algorithms, clock).</summary>
    public VcJwtVerifierOptions VcJwt { get; init; } = new();

    /// <summary>Limits for reading the presentation.</summary>
    public W3cReaderOptions DataModel { get; init; } = W3cReaderOptions.Default;

    /// <summary>
    /// Whether every presented credential's subject must be the presentation's holder (each <c>credentialSubject</c>
    /// has an <c>id</c> equal to <c>holder</c>); default <see langword="true"/>, the binding OpenID4VP relies on.
    /// </summary>
    public bool RequireHolderIsSubject { get; init; } = true;

    internal void Validate(string paramName)
    {
        if (DataIntegrity is null || VcJwt is null || DataModel is null)
        {
            throw new ArgumentException("DataIntegrity, VcJwt and DataModel are required.", paramName);
        }

        VcJwt.Validate(paramName);
        DataModel.Validate(paramName);
    }
}
