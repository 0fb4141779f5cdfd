namespace Credentials.Dids;

/// <summary>The DID method names this library creates and resolves.</summary>
public static class DidMethodNames
{
    /// <summary><c>key</c>: W3C CCG did:key v0.9.</summary>
    public const string Key = "key";

    /// <summary><c>jwk</c>: the did:jwk specification.</summary>
    public const string Jwk = "jwk";

    /// <summary><c>web</c>: W3C CCG did:web.</summary>
    public const string Web = "web";
}
