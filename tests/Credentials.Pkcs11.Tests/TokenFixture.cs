using System;
using Credentials.Pkcs11;
using Credentials.Testing.Pkcs11;

namespace Credentials.Pkcs11.Tests;

/// <summary>Opens fresh SoftHSM2 tokens for a test.</summary>
internal static class TokenFixture
{
    public static (SoftHsmToken Token, Pkcs11Token Open) OpenNew(string prefix = "t", int maxSessions = Pkcs11TokenOptions.DefaultMaxSessions)
    {
        var token = SoftHsm.CreateToken(prefix);
        var open = Pkcs11Token.Open(Pkcs11Uri.Parse(token.Uri()), new Pkcs11TokenOptions { MaxSessions = maxSessions });
        return (token, open);
    }

    public static byte[] NewId() => Guid.NewGuid().ToByteArray()[..8];
}
