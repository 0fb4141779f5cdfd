using System;

namespace Credentials.Testing.Pkcs11;

/// <summary>A SoftHSM2 test token: its label, its user PIN (test-only), a file holding the PIN, and URIs that name it.</summary>
/// <param name="Label">The token label.</param>
/// <param name="Pin">The user PIN.</param>
/// <param name="PinFile">A file holding the PIN (mode 0600), for <c>pin-source</c>.</param>
/// <param name="ModulePath">The SoftHSM2 module file.</param>
public sealed record SoftHsmToken(string Label, string Pin, string PinFile, string ModulePath)
{
    /// <summary>
    /// The token's PKCS#11 URI with <c>module-path</c> and <c>pin-source</c>, plus <paramref name="pathAttributes"/>
    /// (for example <c>object=issuer;type=private</c>) when given. The label is made of URI-safe characters.
    /// </summary>
    /// <param name="pathAttributes">More path attributes, already encoded, without a leading ';'.</param>
    public string Uri(string? pathAttributes = null)
        => $"pkcs11:token={Label}{(pathAttributes is null ? string.Empty : ";" + pathAttributes)}?module-path={ModulePath}&pin-source=file:{PinFile}";

    /// <summary>The URI without <c>pin-source</c> (the PIN then comes from an environment variable).</summary>
    /// <param name="pathAttributes">More path attributes, already encoded, without a leading ';'.</param>
    public string UriWithoutPin(string? pathAttributes = null)
        => $"pkcs11:token={Label}{(pathAttributes is null ? string.Empty : ";" + pathAttributes)}?module-path={ModulePath}";

    /// <inheritdoc />
    public override string ToString() => $"SoftHsmToken({Label})";
}
