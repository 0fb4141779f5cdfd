using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Credentials.Testing.Ports;

/// <summary>
/// Loopback ports for servers whose address must be known before they start (an issuer identifier is its URL, a CLI
/// takes <c>--urls</c>). A port picked in advance is free only when picked: another process on a shared machine may
/// bind it before the server does. The start is therefore retried on a fresh port when the address is in use; a
/// server that must come back on the same address (a restart) retries that address until it is free again.
/// Servers that can report their own address should bind port 0 instead (see <see cref="LoopbackServer"/>).
/// </summary>
public static class LoopbackPort
{
    /// <summary>How many fresh ports <see cref="OnFreshPortAsync{T}"/> tries before giving up.</summary>
    public const int FreshPortAttempts = 5;

    /// <summary>How many times <see cref="OnSamePortAsync{T}"/> tries an address, 200 ms apart (a minute: generous for a loaded machine).</summary>
    public const int SamePortAttempts = 300;

    /// <summary>A loopback port nothing listens on at this moment; bind it through <see cref="OnFreshPortAsync{T}"/>.</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary><c>http://127.0.0.1:port</c> for a port from <see cref="Pick"/>.</summary>
    public static string PickUrl() => "http://127.0.0.1:" + Pick().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs <paramref name="start"/> with the URL <c>http://127.0.0.1:port</c> of a freshly picked port, again with
    /// another port while it fails because its address is in use (<see cref="IsAddressInUse"/>), up to
    /// <see cref="FreshPortAttempts"/> times. <paramref name="start"/> must release what it built before it throws.
    /// </summary>
    public static async Task<T> OnFreshPortAsync<T>(Func<string, Task<T>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start(PickUrl()).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < FreshPortAttempts && IsAddressInUse(ex))
            {
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="start"/>, which binds an address it held before (a restart), again while it fails because
    /// the address is in use, up to <see cref="SamePortAttempts"/> times: a client connection of another process may
    /// hold the port for a moment after the first server released it. <paramref name="start"/> must release what it
    /// built before it throws.
    /// </summary>
    public static async Task<T> OnSamePortAsync<T>(Func<Task<T>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start().ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < SamePortAttempts && IsAddressInUse(ex))
            {
                await Task.Delay(200).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc cref="OnSamePortAsync{T}(Func{Task{T}})"/>
    public static Task OnSamePortAsync(Func<Task> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return OnSamePortAsync(async () =>
        {
            await start().ConfigureAwait(false);
            return true;
        });
    }

    /// <summary>
    /// Whether <paramref name="exception"/> (or one it wraps) says the address was in use: Kestrel's bind failure,
    /// a socket error, or <see cref="PortTakenException"/> from a server that reports it as an error code.
    /// </summary>
    public static bool IsAddressInUse(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PortTakenException or Microsoft.AspNetCore.Connections.AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }
}
