using System.Net;

namespace Credentials.Http;

/// <summary>
/// Decides which IP addresses an outbound fetch may connect to, so that untrusted input (a DID, a <c>vct</c>, a status
/// list URI, an offer, a request URI) cannot make the library fetch from its own network (server-side request forgery).
/// See <see cref="HttpAddressPolicy"/> for the built-in policies.
/// </summary>
public interface IHttpAddressPolicy
{
    /// <summary>Whether a connection to the address is allowed.</summary>
    /// <param name="address">An address the host resolved to (every one must be allowed).</param>
    bool IsAllowed(IPAddress address);
}
