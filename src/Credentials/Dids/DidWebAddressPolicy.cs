using System;
using System.Net;
using System.Net.Sockets;

namespace Credentials.Dids;

/// <summary>Built-in <see cref="IDidWebAddressPolicy"/> instances.</summary>
public static class DidWebAddressPolicy
{
    /// <summary>
    /// The default: only public unicast addresses. Refuses loopback, private (RFC 1918, RFC 4193), link-local,
    /// carrier-grade NAT, unspecified, multicast, broadcast and reserved addresses, also inside IPv4-mapped IPv6.
    /// </summary>
    public static IDidWebAddressPolicy PublicOnly { get; } = new Policy(allowLoopback: false, allowAll: false);

    /// <summary>Public addresses and loopback: for tests and local development only.</summary>
    public static IDidWebAddressPolicy PublicAndLoopback { get; } = new Policy(allowLoopback: true, allowAll: false);

    /// <summary>Every address, for deployments whose network already prevents request forgery.</summary>
    public static IDidWebAddressPolicy AllowAll { get; } = new Policy(allowLoopback: true, allowAll: true);

    /// <summary>Whether an address is public unicast (not loopback, private, link-local, multicast, reserved…).</summary>
    /// <param name="address">The address.</param>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return !(b[0] == 0                                  // 0.0.0.0/8 "this network"
                || b[0] == 10                                   // 10.0.0.0/8 private
                || b[0] == 127                                  // 127.0.0.0/8 loopback
                || (b[0] == 100 && (b[1] & 0xC0) == 64)         // 100.64.0.0/10 carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)                 // 169.254.0.0/16 link-local (cloud metadata)
                || (b[0] == 172 && (b[1] & 0xF0) == 16)         // 172.16.0.0/12 private
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)      // 192.0.0.0/24 IETF protocol assignments
                || (b[0] == 192 && b[1] == 168)                 // 192.168.0.0/16 private
                || (b[0] == 198 && (b[1] & 0xFE) == 18)         // 198.18.0.0/15 benchmarking
                || b[0] >= 224);                                // multicast, reserved, broadcast
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            return !(IPAddress.IsLoopback(address)
                || address.Equals(IPAddress.IPv6None)           // :: unspecified
                || address.IsIPv6LinkLocal                      // fe80::/10
                || address.IsIPv6SiteLocal                      // fec0::/10 (deprecated)
                || address.IsIPv6Multicast                      // ff00::/8
                || (b[0] & 0xFE) == 0xFC                        // fc00::/7 unique local
                || address.IsIPv4MappedToIPv6);
        }

        return false;
    }

    private sealed class Policy(bool allowLoopback, bool allowAll) : IDidWebAddressPolicy
    {
        public bool IsAllowed(IPAddress address)
        {
            ArgumentNullException.ThrowIfNull(address);
            return allowAll || IsPublic(address) || (allowLoopback && IPAddress.IsLoopback(address));
        }
    }
}
