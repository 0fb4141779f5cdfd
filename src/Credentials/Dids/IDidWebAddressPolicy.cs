using System.Net;

namespace Credentials.Dids;

/// <summary>
/// Decides which IP addresses did:web resolution may connect to, so that a DID cannot make a verifier fetch from its
/// own network (server-side request forgery). See <see cref="DidWebAddressPolicy"/> for the built-in policies.
/// </summary>
public interface IDidWebAddressPolicy
{
    /// <summary>Whether the resolver may connect to the address.</summary>
    /// <param name="address">An address the did:web host resolved to (every one must be allowed).</param>
    bool IsAllowed(IPAddress address);
}
