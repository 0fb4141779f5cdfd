using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Credentials.Keys;
using Credentials.Samples.Web.Trust;
using Credentials.Trust;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Credentials.Samples.Web.Desk;

/// <summary>
/// The app's sample issuer (the exam body): one ES256 key, created on first start in the data folder
/// (<c>sample-issuer/issuer.jwk</c>, private; <c>sample-issuer/issuer.pub.jwk</c>, public) and reused after a restart.
/// Its Credential Issuer Identifier (the <c>iss</c> of what it issues) is the app's own base URL, and its Token Status
/// List is served at <see cref="StatusListPath"/>. The shop and the checker trust it through <see cref="PublicKey"/>
/// and <see cref="Issuer"/>. A singleton; thread-safe.
/// </summary>
public sealed class SampleIssuer : ISampleIssuer, IDisposable
{
    /// <summary>The folder in the data folder that holds the issuer's keys.</summary>
    public const string FolderName = "sample-issuer";

    /// <summary>The private key file's name.</summary>
    public const string PrivateKeyFileName = "issuer.jwk";

    /// <summary>The public key file's name (what verifiers may be given).</summary>
    public const string PublicKeyFileName = "issuer.pub.jwk";

    /// <summary>The file (in <see cref="FolderName"/>) that lists every identifier the issuer has had, one per line.</summary>
    public const string IdentifiersFileName = "identifiers.txt";

    /// <summary>The path of the Token Status List under the base URL.</summary>
    public const string StatusListPath = "/status-lists/1";

    private readonly Func<string?> _baseUrl;
    private readonly string _identifiersPath;
    private readonly object _gate = new();
    private string? _issuer;

    /// <summary>Loads the issuer's key from <paramref name="dataFolder"/>, creating it on first start.</summary>
    /// <param name="dataFolder">The app's data folder.</param>
    /// <param name="baseUrl">Returns the app's public base URL (no trailing slash) once it is known, else <see langword="null"/>.</param>
    public SampleIssuer(string dataFolder, Func<string?> baseUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        ArgumentNullException.ThrowIfNull(baseUrl);
        _baseUrl = baseUrl;
        var folder = Path.Combine(dataFolder, FolderName);
        Directory.CreateDirectory(folder);
        PrivateKeyPath = Path.Combine(folder, PrivateKeyFileName);
        PublicKeyPath = Path.Combine(folder, PublicKeyFileName);
        _identifiersPath = Path.Combine(folder, IdentifiersFileName);
        Key = LoadOrCreate(PrivateKeyPath, PublicKeyPath);
    }

    /// <summary>The signing key (ES256, <c>kid</c> = its RFC 7638 thumbprint).</summary>
    public SigningKey Key { get; }

    /// <summary>The public key verifiers trust.</summary>
    public Jwk PublicKey => Key.PublicJwk;

    /// <summary>The private key file.</summary>
    public string PrivateKeyPath { get; }

    /// <summary>The public key file (a public JWK, for verifiers outside the app).</summary>
    public string PublicKeyPath { get; }

    /// <summary>Whether <see cref="Issuer"/> is known (the server has started, or a public URL was given).</summary>
    public bool IsReady => _issuer is not null || _baseUrl() is not null;

    /// <summary>The Credential Issuer Identifier: the app's base URL (for example <c>http://127.0.0.1:5090</c>).</summary>
    /// <exception cref="InvalidOperationException">The server has not started yet and no public URL was given.</exception>
    public string Issuer
    {
        get
        {
            if (_issuer is { } known)
            {
                return known;
            }

            var issuer = _baseUrl()?.TrimEnd('/') ?? throw new InvalidOperationException("The sample issuer's URL is known once the server has started.");
            lock (_gate)
            {
                if (_issuer is null)
                {
                    Remember(issuer);
                    _issuer = issuer;
                }

                return _issuer;
            }
        }
    }

    /// <summary>
    /// The identifiers the issuer had before this one (the app's earlier addresses, from <see cref="IdentifiersFileName"/>),
    /// oldest first: its credentials carry the address of the day they were issued.
    /// </summary>
    public IReadOnlyList<string> FormerIssuers
    {
        get
        {
            var current = Issuer;
            return [.. ReadIdentifiers().Where(i => !string.Equals(i, current, StringComparison.Ordinal))];
        }
    }

    /// <summary>The display name of the issuer.</summary>
    public const string Name = "情報処理技術者試験センター（サンプル） / Exam centre (sample)";

    /// <inheritdoc />
    public TrustedIssuer Trusted => TrustedAs(Issuer);

    /// <inheritdoc />
    /// <remarks>
    /// The issuer's identifier is the app's address, so a restart on another port gives it a new one; its key, kept in
    /// the data folder, stays. Credentials issued under an earlier address stay trusted: every address the issuer has
    /// had is trusted with this key, and only with it.
    /// </remarks>
    public IEnumerable<TrustedIssuer> TrustedIdentifiers => [Trusted, .. FormerIssuers.Select(TrustedAs)];

    private TrustedIssuer TrustedAs(string issuer) => new() { Issuer = issuer, Name = Name, Keys = [PublicKey], CredentialTypes = [IpaExamCredentialType.TypeUri] };

    private IEnumerable<string> ReadIdentifiers()
        => File.Exists(_identifiersPath)
            ? File.ReadAllLines(_identifiersPath).Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal)
            : [];

    private void Remember(string issuer)
    {
        if (!ReadIdentifiers().Contains(issuer, StringComparer.Ordinal))
        {
            File.AppendAllText(_identifiersPath, issuer + "\n");
        }
    }

    /// <summary>The URI of the Token Status List of the credentials issued (the <c>sub</c> of its token).</summary>
    public string StatusListUri => Issuer + StatusListPath;

    /// <summary>The base URL of a started server: its first address, with a wildcard host read as loopback.</summary>
    /// <param name="server">The server.</param>
    public static string? BaseUrlOf(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Port == 0)
        {
            return null;
        }

        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return $"{uri.Scheme}://{(host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? "[" + host + "]" : host)}:{uri.Port}";
    }

    /// <inheritdoc />
    public void Dispose() => Key.Dispose();

    private static SigningKey LoadOrCreate(string privatePath, string publicPath)
    {
        if (File.Exists(privatePath))
        {
            var key = SigningKey.FromJwk(Jwk.Parse(File.ReadAllText(privatePath)), JwsAlgorithm.Es256);
            if (!File.Exists(publicPath))
            {
                File.WriteAllText(publicPath, key.PublicJwk.ToJson());
            }

            return key;
        }

        string kid;
        using (var probe = SigningKey.Create(JwsAlgorithm.Es256))
        {
            var jwk = probe.ExportPrivateJwk();
            kid = probe.PublicJwk.ComputeThumbprint();
            var created = SigningKey.FromJwk(jwk with { Kid = kid }, JwsAlgorithm.Es256);
            var temp = privatePath + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(temp, System.Text.Encoding.UTF8, options))
            {
                writer.Write(created.ExportPrivateJwk().ToJson());
            }

            File.Move(temp, privatePath, overwrite: true);
            File.WriteAllText(publicPath, created.PublicJwk.ToJson());
            return created;
        }
    }
}
