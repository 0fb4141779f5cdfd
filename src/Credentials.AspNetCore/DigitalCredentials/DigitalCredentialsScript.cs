using System;
using System.Buffers.Text;
using System.IO;
using System.Security.Cryptography;

namespace Credentials.AspNetCore.DigitalCredentials;

/// <summary>
/// The verifier page's JavaScript for the W3C Digital Credentials API (<c>credentials-dc-api.js</c>), shipped inside
/// this assembly: it asks the app for an OpenID4VP request, calls <c>navigator.credentials.get</c> with
/// <c>{ digital: { requests: [{ protocol, data }] } }</c>, posts the wallet's answer back and renders the outcome with
/// text nodes only. Serve it with
/// <see cref="Microsoft.AspNetCore.Builder.DigitalCredentialsScriptEndpointRouteBuilderExtensions.MapDigitalCredentialsScript"/>;
/// it needs no CDN and no inline script (a <c>script-src 'self'</c> policy is enough).
/// </summary>
public static class DigitalCredentialsScript
{
    /// <summary>The script's file name, <c>credentials-dc-api.js</c>.</summary>
    public const string FileName = "credentials-dc-api.js";

    /// <summary>The path <c>MapDigitalCredentialsScript</c> serves the script at unless told otherwise: <c>/credentials-dc-api.js</c>.</summary>
    public const string DefaultPath = "/" + FileName;

    /// <summary>The media type the script is served with (RFC 9239): <c>text/javascript; charset=utf-8</c>.</summary>
    public const string ContentType = "text/javascript; charset=utf-8";

    private const string ResourceName = "Credentials.AspNetCore.DigitalCredentials." + FileName;

    private static readonly byte[] s_content = Load();

    /// <summary>The script, UTF-8.</summary>
    public static ReadOnlyMemory<byte> Content => s_content;

    /// <summary>The strong entity tag the script is served with: the quoted base64url SHA-256 of <see cref="Content"/>.</summary>
    public static string ETag { get; } = "\"" + Base64Url.EncodeToString(SHA256.HashData(s_content)) + "\"";

    /// <summary>
    /// The Subresource Integrity value of the script, <c>sha384-…</c>, for the page's
    /// <c>&lt;script src="…" integrity="…"&gt;</c> (and for a CSP that lists hashes).
    /// </summary>
    public static string Integrity { get; } = "sha384-" + Convert.ToBase64String(SHA384.HashData(s_content));

    private static byte[] Load()
    {
        using var stream = typeof(DigitalCredentialsScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The embedded resource " + ResourceName + " is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
