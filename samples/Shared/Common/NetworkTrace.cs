using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using Credentials.Http;

namespace Credentials.Samples.Common;

/// <summary>
/// Which URL a command was fetching and how the connection failed, so a network error can say "could not reach
/// https://issuer.example.jp/token: the connection was refused" instead of "the server could not be reached". The
/// library's guarded fetch reports a stable code; the details come from .NET's HTTP diagnostics
/// (<c>HttpHandlerDiagnosticListener</c>: its request, response and exception events), recorded for the requests made
/// inside <see cref="Begin"/> only.
/// </summary>
public sealed class NetworkTrace : IDisposable
{
    private static readonly AsyncLocal<NetworkTrace?> s_current = new();
    private static int s_subscribed;

    private readonly NetworkTrace? _previous;
    private readonly Lock _lock = new();
    private Uri? _lastRequest;
    private int? _lastStatus;
    private (Uri Url, Exception Exception)? _failure;

    private NetworkTrace(NetworkTrace? previous) => _previous = previous;

    /// <summary>The URL of the last request sent, without its query.</summary>
    public string? LastRequest
    {
        get
        {
            lock (_lock)
            {
                return _lastRequest is null ? null : Redact(_lastRequest);
            }
        }
    }

    /// <summary>Starts recording the requests of the current asynchronous flow (until disposed).</summary>
    public static NetworkTrace Begin()
    {
        if (Interlocked.Exchange(ref s_subscribed, 1) == 0)
        {
            DiagnosticListener.AllListeners.Subscribe(new ListenerObserver());
        }

        var trace = new NetworkTrace(s_current.Value);
        s_current.Value = trace;
        return trace;
    }

    /// <summary>
    /// The error to report for a failed fetch: the URL and the cause (DNS, refused, TLS, timeout...) in the message and,
    /// for scripts, as <c>url</c> and <c>cause</c> in <see cref="CliError.Details"/>. Errors that are not about the
    /// network are returned as <see cref="ClaimValues.ToCliError"/> makes them.
    /// </summary>
    /// <param name="error">The library's error.</param>
    /// <param name="hint">The hint when the error is not about the network.</param>
    /// <param name="server">What was being reached, for the message ("the issuer", "the verifier").</param>
    /// <param name="timeout">The fetch timeout, for the message.</param>
    /// <param name="exitCode">The exit code.</param>
    public CliError ToCliError(VerificationError error, string? hint, string server, TimeSpan timeout, int exitCode = ExitCodes.InputError)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!error.Code.IsInFamily("http"))
        {
            return ClaimValues.ToCliError(error, hint, exitCode);
        }

        Uri? url;
        Exception? exception;
        int? status;
        lock (_lock)
        {
            url = _failure?.Url ?? _lastRequest;
            exception = _failure?.Exception;
            status = _lastStatus;
        }

        var cause = Classify(error.Code, exception);
        var where = url is null ? server : Redact(url);
        var seconds = timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        var (message, advice) = cause switch
        {
            NetworkCause.Dns => ($"Could not reach {where}: the host name {url?.Host} does not resolve (DNS).", "Check the host name in the link and this machine's network and DNS."),
            NetworkCause.Refused => ($"Could not reach {where}: the connection was refused (nothing listens on port {url?.Port} of {url?.Host}).", $"Check that {server} is running and that the link's port is right."),
            NetworkCause.Tls => ($"Could not reach {where}: the TLS handshake failed (the certificate is not trusted or does not match the host, or the server does not speak https there).", "Check the link; a server with a self-signed certificate is not trusted."),
            NetworkCause.Timeout => ($"Could not reach {where}: no answer within {seconds} seconds (timeout).", $"Check that {server} is reachable from here, or wait longer with --timeout."),
            NetworkCause.Unreachable => ($"Could not reach {where}: the network or the host is unreachable.", "Check this machine's network connection."),
            NetworkCause.HttpStatus => ($"{where} answered HTTP {status?.ToString(CultureInfo.InvariantCulture) ?? "with an error"}: {error.Message}", hint ?? "Check the link; it may have expired."),
            NetworkCause.Policy => ($"Refused to connect to {where}: {error.Message}", hint),
            _ => ($"Could not reach {where}: {error.Message}", hint),
        };

        return new CliError(error.Code.Value, message, advice, exitCode)
        {
            Details = new() { ["url"] = url is null ? null : Redact(url), ["cause"] = Name(cause) },
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (ReferenceEquals(s_current.Value, this))
        {
            s_current.Value = _previous;
        }
    }

    private static NetworkCause Classify(ErrorCode code, Exception? exception)
    {
        if (code == HttpErrors.Timeout)
        {
            return NetworkCause.Timeout;
        }

        if (code == HttpErrors.AddressNotAllowed || code == HttpErrors.InsecureTransport || code == HttpErrors.RedirectNotAllowed)
        {
            return NetworkCause.Policy;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }:
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return NetworkCause.Dns;
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return NetworkCause.Refused;
                case SocketException { SocketErrorCode: SocketError.TimedOut }:
                case TimeoutException:
                    return NetworkCause.Timeout;
                case SocketException { SocketErrorCode: SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NetworkDown }:
                    return NetworkCause.Unreachable;
                case AuthenticationException:
                case HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }:
                    return NetworkCause.Tls;
            }
        }

        if (code == HttpErrors.NotFound && exception is null)
        {
            return NetworkCause.HttpStatus;
        }

        return code == HttpErrors.ErrorStatus ? NetworkCause.HttpStatus : NetworkCause.Other;
    }

    private static string Name(NetworkCause cause) => cause switch
    {
        NetworkCause.Dns => "dns",
        NetworkCause.Refused => "refused",
        NetworkCause.Tls => "tls",
        NetworkCause.Timeout => "timeout",
        NetworkCause.Unreachable => "unreachable",
        NetworkCause.HttpStatus => "http_status",
        NetworkCause.Policy => "policy",
        _ => "other",
    };

    // Scheme, host, port and path: the query may carry a code and is not needed to tell which server failed.
    private static string Redact(Uri url) => url.GetLeftPart(UriPartial.Path);

    private void OnRequest(Uri? url)
    {
        lock (_lock)
        {
            _lastRequest = url ?? _lastRequest;
            _lastStatus = null;
        }
    }

    private void OnResponse(int status)
    {
        lock (_lock)
        {
            _lastStatus = status;
        }
    }

    private void OnException(Uri? url, Exception exception)
    {
        lock (_lock)
        {
            _failure = (url ?? _lastRequest ?? new Uri("about:blank"), exception);
        }
    }

    private enum NetworkCause
    {
        Other,
        Dns,
        Refused,
        Tls,
        Timeout,
        Unreachable,
        HttpStatus,
        Policy,
    }

    /// <summary>Subscribes to the HTTP client's diagnostics and hands each event to the current flow's trace.</summary>
    private sealed class ListenerObserver : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "HttpHandlerDiagnosticListener")
            {
                // The request, response and exception events only. The activity events would make the handler start an
                // Activity and send a traceparent header to the issuer or verifier: a wallet adds no headers.
                value.Subscribe(this, (Predicate<string>)(name => !name.StartsWith("System.Net.Http.HttpRequestOut", StringComparison.Ordinal)));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (s_current.Value is not { } trace || value.Value is not { } payload)
            {
                return;
            }

            // The payloads are anonymous types: { Request }, { Response }, { Exception, Request }.
            var type = payload.GetType();
            var request = type.GetProperty("Request")?.GetValue(payload) as HttpRequestMessage;
            switch (value.Key)
            {
                case "System.Net.Http.Request":
                    trace.OnRequest(request?.RequestUri);
                    break;
                case "System.Net.Http.Exception" when type.GetProperty("Exception")?.GetValue(payload) is Exception exception:
                    trace.OnException(request?.RequestUri, exception);
                    break;
                case "System.Net.Http.Response" when type.GetProperty("Response")?.GetValue(payload) is HttpResponseMessage response:
                    trace.OnResponse((int)response.StatusCode);
                    break;
            }
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
