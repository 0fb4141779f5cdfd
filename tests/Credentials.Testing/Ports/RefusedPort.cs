using System;
using System.Net;
using System.Net.Sockets;

namespace Credentials.Testing.Ports;

/// <summary>
/// A loopback port held bound but not listening: connections to it are refused for as long as this lives, and no
/// other process can start listening on it meanwhile (unlike a port picked and released).
/// </summary>
public sealed class RefusedPort : IDisposable
{
    private readonly Socket _socket;

    /// <summary>Binds a fresh loopback port without listening on it.</summary>
    public RefusedPort()
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public string Url => "http://127.0.0.1:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Releases the port.</summary>
    public void Dispose() => _socket.Dispose();
}
