using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Mdoc;
using Credentials.Mdoc.Certificates;

namespace Credentials.Interop.Tests.Mdoc;

/// <summary>
/// Our side of the mdoc interop tests: an IACA root and a document signer (<see cref="MdocCertificates"/>), the
/// issuer, the holder and the verifier, all ES256, and the typed-JSON form of element values that <c>node/mdoc-*.mjs</c>
/// use (see <see cref="MdocJs"/>).
/// </summary>
internal sealed class MdocOurSide : IDisposable
{
    private MdocOurSide(SigningKey iacaKey, X509Certificate2 iaca, SigningKey documentSignerKey, X509Certificate2 documentSigner, SigningKey deviceKey)
    {
        IacaKey = iacaKey;
        Iaca = iaca;
        DocumentSignerKey = documentSignerKey;
        DocumentSigner = documentSigner;
        DeviceKey = deviceKey;
    }

    public SigningKey IacaKey { get; }

    public X509Certificate2 Iaca { get; }

    public SigningKey DocumentSignerKey { get; }

    public X509Certificate2 DocumentSigner { get; }

    public SigningKey DeviceKey { get; }

    public string IacaPem => MdocCertificates.ExportPem(Iaca);

    /// <summary>A fresh IACA (country JP), a document signer under it, and a device key.</summary>
    public static MdocOurSide Create()
    {
        var iacaKey = SigningKey.Create(JwsAlgorithm.Es256);
        var iaca = MdocCertificates.CreateIaca(iacaKey, new IacaCertificateOptions
        {
            CommonName = "Credentials Interop IACA",
            Country = "JP",
            IssuerUri = new Uri("https://iaca.credentials.example"),
            CrlDistributionPoint = new Uri("https://iaca.credentials.example/crl"),
        });
        var documentSignerKey = SigningKey.Create(JwsAlgorithm.Es256);
        var documentSigner = MdocCertificates.CreateDocumentSigner(iacaKey, iaca, documentSignerKey.PublicJwk, new DocumentSignerCertificateOptions
        {
            CommonName = "Credentials Interop Document Signer",
            CrlDistributionPoint = new Uri("https://iaca.credentials.example/crl"),
        });
        return new MdocOurSide(iacaKey, iaca, documentSignerKey, documentSigner, SigningKey.Create(JwsAlgorithm.Es256));
    }

    /// <summary>Issues <see cref="MdocScenario.IssuedNameSpaces"/> to <see cref="DeviceKey"/>.</summary>
    public ValueTask<IssuerSigned> IssueAsync()
        => new MdocIssuer(DocumentSignerKey, [DocumentSigner]).IssueAsync(new MdocIssuance
        {
            DocType = MdocScenario.DocType,
            NameSpaces = ToNameSpaces(MdocScenario.IssuedNameSpaces()),
            DeviceKey = DeviceKey.PublicJwk,
        });

    /// <summary>Presents <see cref="MdocScenario.Disclosed"/> of <paramref name="issued"/> for the OpenID4VP request with <paramref name="nonce"/>.</summary>
    public static async Task<byte[]> PresentAsync(IssuerSigned issued, ISigner deviceKey, string nonce = MdocScenario.Nonce)
    {
        var selection = new Dictionary<string, IReadOnlyCollection<string>> { [MdocScenario.MdlNameSpace] = MdocScenario.Disclosed };
        var response = await MdocHolder.PresentAsync([new MdocPresentationInput(issued, selection, deviceKey)], Transcript(nonce));
        return response.Encode();
    }

    /// <summary>The OpenID4VP redirect session transcript of the scenario's request (no response encryption key).</summary>
    public static SessionTranscript Transcript(string nonce = MdocScenario.Nonce)
        => SessionTranscript.ForOpenId4Vp(MdocScenario.ClientId, nonce, null, MdocScenario.ResponseUri);

    /// <summary>
    /// Our verifier trusting the given IACA certificates through a shared <see cref="MdocCertificateValidator"/> (the
    /// chain and the Annex B profile checks), as a verifier of licences would configure it.
    /// </summary>
    public static MdocVerifier Verifier(params X509Certificate2[] trustAnchors)
        => new(new MdocVerifierOptions { CertificateValidator = new MdocCertificateValidator(trustAnchors) });

    /// <summary>Our verifier with the default trust input: <see cref="MdocVerifierOptions.TrustAnchors"/> (the same checks, its own validator).</summary>
    public static MdocVerifier DefaultVerifier(params X509Certificate2[] trustAnchors)
        => new(new MdocVerifierOptions { TrustAnchors = trustAnchors });

    public void Dispose()
    {
        IacaKey.Dispose();
        DocumentSignerKey.Dispose();
        DeviceKey.Dispose();
        Iaca.Dispose();
        DocumentSigner.Dispose();
    }

    /// <summary>Typed JSON namespaces → our issuance input.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>> ToNameSpaces(JsonObject nameSpaces)
        => nameSpaces.ToDictionary(
            ns => ns.Key,
            ns => (IReadOnlyDictionary<string, MdocValue>)ns.Value!.AsObject().ToDictionary(e => e.Key, e => ToValue(e.Value)));

    /// <summary>One typed JSON value → <see cref="MdocValue"/>.</summary>
    public static MdocValue ToValue(JsonNode? node) => node switch
    {
        null => MdocValue.Null,
        JsonArray array => MdocValue.FromArray([.. array.Select(ToValue)]),
        JsonObject o when o["$full-date"] is { } d => MdocValue.FromFullDate(DateOnly.ParseExact((string)d!, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        JsonObject o when o["$tdate"] is { } t => MdocValue.FromDateTime(DateTimeOffset.Parse((string)t!, CultureInfo.InvariantCulture)),
        JsonObject o when o["$bstr"] is { } b => MdocValue.FromBytes(Convert.FromHexString((string)b!)),
        JsonObject o => MdocValue.FromMap([.. o.Select(p => new KeyValuePair<string, MdocValue>(p.Key, ToValue(p.Value)))]),
        JsonValue v when v.TryGetValue<bool>(out var flag) => MdocValue.FromBoolean(flag),
        JsonValue v when v.TryGetValue<long>(out var number) => MdocValue.FromInteger(number),
        JsonValue v when v.TryGetValue<string>(out var text) => MdocValue.FromText(text),
        _ => throw new ArgumentException($"No mdoc value for {node.ToJsonString()}.", nameof(node)),
    };

    /// <summary><see cref="MdocValue"/> → typed JSON, for comparing with what their verifier returns.</summary>
    public static JsonNode? ToJson(MdocValue value)
    {
        if (value.TryGetString(out var text))
        {
            return JsonValue.Create(text);
        }

        if (value.TryGetBoolean(out var flag))
        {
            return JsonValue.Create(flag);
        }

        if (value.TryGetInt64(out var number))
        {
            return JsonValue.Create(number);
        }

        if (value.TryGetFullDate(out var date))
        {
            return new JsonObject { ["$full-date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        }

        if (value.TryGetDateTime(out var instant))
        {
            return new JsonObject { ["$tdate"] = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) };
        }

        if (value.TryGetBytes(out var bytes))
        {
            return new JsonObject { ["$bstr"] = Convert.ToHexStringLower(bytes.Span) };
        }

        if (value.TryGetArray(out var items))
        {
            return new JsonArray([.. items.Select(ToJson)]);
        }

        if (value.TryGetMap(out var entries))
        {
            var map = new JsonObject();
            foreach (var (key, entry) in entries)
            {
                map[key] = ToJson(entry);
            }

            return map;
        }

        return value.Kind == MdocValueKind.Null ? null : throw new ArgumentException($"No typed JSON for a {value.Kind} value.", nameof(value));
    }

    /// <summary>The elements our verifier returned for <paramref name="nameSpace"/> of its first document, as typed JSON.</summary>
    public static JsonObject Elements(MdocVerifiedResponse response, string nameSpace)
    {
        var elements = new JsonObject();
        foreach (var (id, value) in response.Documents[0].Elements[nameSpace])
        {
            elements[id] = ToJson(value);
        }

        return elements;
    }
}
