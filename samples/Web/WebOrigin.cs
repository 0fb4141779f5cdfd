using System;
using System.Linq;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Credentials.Samples.Web;

/// <summary>
/// The origin the app listens on (known only once Kestrel has bound its port, which may be picked at random): the
/// verifier's <c>response_uri</c> and the issuer's identifier are built from it, so it is read when first needed.
/// </summary>
public sealed class WebOrigin(IServer server)
{
    private string? _value;

    /// <summary>The origin, for example <c>http://127.0.0.1:5180</c> (no trailing slash).</summary>
    /// <exception cref="InvalidOperationException">The server has not started.</exception>
    public string Value => _value ??= Read();

    private string Read()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has not started: its address is not known yet.");
        var uri = new Uri(address);
        return uri.GetLeftPart(UriPartial.Authority);
    }
}
