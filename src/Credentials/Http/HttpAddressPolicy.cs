using System;
using System.Net;
using System.Net.Sockets;

namespace Credentials.Http;

/// <summary>Built-in <see cref="IHttpAddressPolicy"/> instances.</summary>
public static class HttpAddressPolicy
{
    /// <summary>
    /// The default: only public unicast addresses. Refuses loopback, private (RFC 1918, RFC 4193), link-local (including
    /// cloud metadata at 169.254.169.254), carrier-grade NAT, unspecified, multicast, broadcast, documentation and
    /// reserved addresses, also when they are carried inside IPv6 (IPv4-mapped, IPv4-compatible, NAT64, 6to4).
    /// </summary>
    public static IHttpAddressPolicy PublicOnly { get; } = new Policy(allowLoopback: false, allowAll: false);

    /// <summary>Public addresses and loopback: for tests and local development only.</summary>
    public static IHttpAddressPolicy PublicAndLoopback { get; } = new Policy(allowLoopback: true, allowAll: false);

    /// <summary>Every address, for deployments whose network already prevents request forgery.</summary>
    public static IHttpAddressPolicy AllowAll { get; } = new Policy(allowLoopback: true, allowAll: true);

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
            return IsPublicIPv4(b);
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            if (IPAddress.IsLoopback(address)
                || address.IsIPv6LinkLocal                      // fe80::/10
                || address.IsIPv6SiteLocal                      // fec0::/10 (deprecated)
                || address.IsIPv6Multicast                      // ff00::/8
                || (b[0] & 0xFE) == 0xFC)                       // fc00::/7 unique local
            {
                return false;
            }

            // ::/96 holds :: (unspecified), ::1 (loopback) and the deprecated IPv4-compatible addresses.
            if (b[..12].IndexOfAnyExcept((byte)0) < 0)
            {
                return false;
            }

            // 64:ff9b::/96 (NAT64, RFC 6052): the gateway connects to the IPv4 address in the last 32 bits.
            if (b[..12].SequenceEqual(s_nat64))
            {
                return IsPublicIPv4(b[12..]);
            }

            // 64:ff9b:1::/48 (local-use NAT64, RFC 8215), 100::/64 (discard), 2001::/32 (Teredo: the IPv4 server is
            // not what is reached), 2001:db8::/32 (documentation).
            if ((b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4] == 0x00 && b[5] == 0x01)
                || (b[0] == 0x01 && b[1] == 0x00 && b[2..8].IndexOfAnyExcept((byte)0) < 0)
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8))
            {
                return false;
            }

            // 2002::/16 (6to4): the relay reaches the IPv4 address in bits 16-47.
            if (b[0] == 0x20 && b[1] == 0x02)
            {
                return IsPublicIPv4(b[2..6]);
            }

            return true;
        }

        return false;
    }

    private static readonly byte[] s_nat64 = [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0];

    private static bool IsPublicIPv4(ReadOnlySpan<byte> b)
        => !(b[0] == 0                                          // 0.0.0.0/8 "this network"
            || b[0] == 10                                       // 10.0.0.0/8 private
            || b[0] == 127                                      // 127.0.0.0/8 loopback
            || (b[0] == 100 && (b[1] & 0xC0) == 64)             // 100.64.0.0/10 carrier-grade NAT
            || (b[0] == 169 && b[1] == 254)                     // 169.254.0.0/16 link-local (cloud metadata)
            || (b[0] == 172 && (b[1] & 0xF0) == 16)             // 172.16.0.0/12 private
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)          // 192.0.0.0/24 IETF protocol assignments
            || (b[0] == 192 && b[1] == 0 && b[2] == 2)          // 192.0.2.0/24 documentation
            || (b[0] == 192 && b[1] == 88 && b[2] == 99)        // 192.88.99.0/24 6to4 relay anycast (deprecated)
            || (b[0] == 192 && b[1] == 168)                     // 192.168.0.0/16 private
            || (b[0] == 198 && (b[1] & 0xFE) == 18)             // 198.18.0.0/15 benchmarking
            || (b[0] == 198 && b[1] == 51 && b[2] == 100)       // 198.51.100.0/24 documentation
            || (b[0] == 203 && b[1] == 0 && b[2] == 113)        // 203.0.113.0/24 documentation
            || b[0] >= 224);                                    // multicast, reserved, broadcast

    private sealed class Policy(bool allowLoopback, bool allowAll) : IHttpAddressPolicy
    {
        public bool IsAllowed(IPAddress address)
        {
            ArgumentNullException.ThrowIfNull(address);
            return allowAll || IsPublic(address) || (allowLoopback && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
        }
    }
}
