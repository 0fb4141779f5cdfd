using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Credentials.Internal;
using Credentials.Keys;

namespace Credentials.Dids;

public sealed partial record DidDocument
{
    /// <summary>Reads a DID document from untrusted JSON text; never throws for bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="options">Limits; <see cref="DidDocumentReaderOptions.Default"/> when <see langword="null"/>.</param>
    public static VerificationResult<DidDocument> Read(string json, DidDocumentReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= DidDocumentReaderOptions.Default;
        if (json.Length > options.MaxLength)
        {
            return new VerificationError(DidErrors.DocumentTooLarge, "The DID document exceeds the size limit.");
        }

        return Read(Encoding.UTF8.GetBytes(json), options);
    }

    /// <summary>Reads a DID document from untrusted UTF-8 JSON; never throws for bad input.</summary>
    /// <param name="utf8Json">The UTF-8 JSON bytes.</param>
    /// <param name="options">Limits; <see cref="DidDocumentReaderOptions.Default"/> when <see langword="null"/>.</param>
    /// <remarks>
    /// Duplicate member names are rejected (two parsers must never see two different documents); unknown members are
    /// ignored (DID Core 1.0 section 6.2.2); inline JSON-LD context objects are not kept.
    /// </remarks>
    public static VerificationResult<DidDocument> Read(ReadOnlyMemory<byte> utf8Json, DidDocumentReaderOptions? options = null)
    {
        options ??= DidDocumentReaderOptions.Default;
        if (utf8Json.Length > options.MaxLength)
        {
            return new VerificationError(DidErrors.DocumentTooLarge, "The DID document exceeds the size limit.");
        }

        using var document = SafeJson.TryParse(utf8Json, options.MaxDepth);
        if (document is null)
        {
            return new VerificationError(DidErrors.InvalidDocument, "The DID document is not valid JSON, repeats a member, or nests too deeply.");
        }

        return new Reader(options).ReadDocument(document.RootElement);
    }

    private sealed class Reader(DidDocumentReaderOptions options)
    {
        private readonly HashSet<string> _methodIds = new(StringComparer.Ordinal);
        private Did _did = null!;

        public VerificationResult<DidDocument> ReadDocument(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new VerificationError(DidErrors.InvalidDocument, "A DID document is a JSON object.");
            }

            // DID Core 5.1.1: the document MUST have an id, and it MUST be a DID.
            if (!root.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String || !Did.TryParse(idElement.GetString(), out var did))
            {
                return new VerificationError(DidErrors.InvalidDocument, "The DID document's 'id' is missing or is not a DID.");
            }

            _did = did;
            VerificationError? error;
            var context = new List<string>();
            if (root.TryGetProperty("@context", out var contextElement) && (error = ReadContext(contextElement, context)) is not null)
            {
                return error;
            }

            // DID Core 5.1.2: controller is a string or a set of strings, each a DID.
            var controller = new List<string>();
            if (root.TryGetProperty("controller", out var controllerElement) && (error = ReadStringOrSet(controllerElement, "controller", controller, mustBeDid: true)) is not null)
            {
                return error;
            }

            // DID Core 5.1.3: alsoKnownAs is a set of URIs.
            var alsoKnownAs = new List<string>();
            if (root.TryGetProperty("alsoKnownAs", out var akaElement) && (error = ReadSet(akaElement, "alsoKnownAs", alsoKnownAs)) is not null)
            {
                return error;
            }

            var methods = new List<VerificationMethod>();
            if (root.TryGetProperty("verificationMethod", out var vmElement))
            {
                if (vmElement.ValueKind != JsonValueKind.Array || vmElement.GetArrayLength() > options.MaxEntries)
                {
                    return new VerificationError(DidErrors.InvalidDocument, "'verificationMethod' must be an array within the entry limit.");
                }

                foreach (var item in vmElement.EnumerateArray())
                {
                    var method = ReadMethod(item);
                    if (!method.IsValid)
                    {
                        return method.Error;
                    }

                    methods.Add(method.Value);
                }
            }

            var relationships = new List<VerificationMethodReference>[5];
            foreach (VerificationRelationship relationship in Enum.GetValues<VerificationRelationship>())
            {
                var list = relationships[(int)relationship] = [];
                var name = ToJsonName(relationship);
                if (root.TryGetProperty(name, out var element) && (error = ReadRelationship(element, name, list)) is not null)
                {
                    return error;
                }
            }

            var services = new List<DidService>();
            if (root.TryGetProperty("service", out var serviceElement) && (error = ReadServices(serviceElement, services)) is not null)
            {
                return error;
            }

            return new DidDocument
            {
                Context = context,
                Id = did.Value,
                Controller = controller,
                AlsoKnownAs = alsoKnownAs,
                VerificationMethod = methods,
                Authentication = relationships[(int)VerificationRelationship.Authentication],
                AssertionMethod = relationships[(int)VerificationRelationship.AssertionMethod],
                KeyAgreement = relationships[(int)VerificationRelationship.KeyAgreement],
                CapabilityInvocation = relationships[(int)VerificationRelationship.CapabilityInvocation],
                CapabilityDelegation = relationships[(int)VerificationRelationship.CapabilityDelegation],
                Service = services,
            };
        }

        private VerificationError? ReadContext(JsonElement element, List<string> context)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                context.Add(element.GetString()!);
                return null;
            }

            if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > options.MaxEntries)
            {
                return new VerificationError(DidErrors.InvalidDocument, "'@context' must be a string or an array.");
            }

            foreach (var item in element.EnumerateArray())
            {
                // Inline context objects are allowed in JSON-LD; they carry no data this library uses.
                if (item.ValueKind == JsonValueKind.String)
                {
                    context.Add(item.GetString()!);
                }
                else if (item.ValueKind != JsonValueKind.Object)
                {
                    return new VerificationError(DidErrors.InvalidDocument, "'@context' entries must be strings or objects.");
                }
            }

            return null;
        }

        private VerificationError? ReadStringOrSet(JsonElement element, string name, List<string> values, bool mustBeDid)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                values.Add(element.GetString()!);
            }
            else if (ReadSet(element, name, values) is { } error)
            {
                return error;
            }

            foreach (var value in values)
            {
                if (mustBeDid && !Did.TryParse(value, out _))
                {
                    return new VerificationError(DidErrors.InvalidDocument, $"'{name}' must hold DIDs.");
                }
            }

            return null;
        }

        private VerificationError? ReadSet(JsonElement element, string name, List<string> values)
        {
            if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > options.MaxEntries)
            {
                return new VerificationError(DidErrors.InvalidDocument, $"'{name}' must be an array of strings within the entry limit.");
            }

            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return new VerificationError(DidErrors.InvalidDocument, $"'{name}' must be an array of strings.");
                }

                var value = item.GetString()!;

                // DID Core 5.1.2, 5.1.3, 5.4: these are sets, so an entry may not repeat.
                if (values.Contains(value))
                {
                    return new VerificationError(DidErrors.InvalidDocument, $"'{name}' repeats an entry.");
                }

                values.Add(value);
            }

            return null;
        }

        private VerificationError? ReadRelationship(JsonElement element, string name, List<VerificationMethodReference> entries)
        {
            // DID Core 5.3: each relationship is a set of verification methods, embedded or referenced.
            if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > options.MaxEntries)
            {
                return new VerificationError(DidErrors.InvalidDocument, $"'{name}' must be an array within the entry limit.");
            }

            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    var reference = item.GetString()!;
                    if (!DidUrl.TryResolveReference(reference, _did, out _))
                    {
                        return new VerificationError(DidErrors.InvalidDocument, $"An entry of '{name}' is not a DID URL.");
                    }

                    entries.Add(VerificationMethodReference.To(reference));
                }
                else
                {
                    var method = ReadMethod(item);
                    if (!method.IsValid)
                    {
                        return method.Error;
                    }

                    entries.Add(VerificationMethodReference.Embed(method.Value));
                }
            }

            return null;
        }

        private VerificationResult<VerificationMethod> ReadMethod(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return new VerificationError(DidErrors.InvalidDocument, "A verification method must be a JSON object.");
            }

            // DID Core 5.2: id (a DID URL), type and controller (a DID) are required.
            if (!element.TryGetString("id", out var id) || !DidUrl.TryResolveReference(id, _did, out var absoluteId))
            {
                return new VerificationError(DidErrors.InvalidDocument, "A verification method's 'id' is missing or is not a DID URL.");
            }

            // DID Core 5.2: verification method ids are unique within the document.
            if (!_methodIds.Add(absoluteId.Value))
            {
                return new VerificationError(DidErrors.InvalidDocument, "Two verification methods have the same 'id'.");
            }

            if (!element.TryGetString("type", out var type) || type.Length == 0)
            {
                return new VerificationError(DidErrors.InvalidDocument, "A verification method's 'type' is missing.");
            }

            if (!element.TryGetString("controller", out var controller) || !Did.TryParse(controller, out _))
            {
                return new VerificationError(DidErrors.InvalidDocument, "A verification method's 'controller' is missing or is not a DID.");
            }

            string? multibase = null;
            if (element.TryGetProperty("publicKeyMultibase", out var multibaseElement))
            {
                if (multibaseElement.ValueKind != JsonValueKind.String)
                {
                    return new VerificationError(DidErrors.InvalidDocument, "'publicKeyMultibase' must be a string.");
                }

                multibase = multibaseElement.GetString();
            }

            Jwk? jwk = null;
            if (element.TryGetProperty("publicKeyJwk", out var jwkElement))
            {
                // DID Core 5.2.1: publicKeyJwk MUST NOT contain "d" or other private key members.
                var read = Jwk.ReadPublic(jwkElement);
                if (!read.IsValid)
                {
                    var message = read.Error.Code == KeyErrors.PrivateKeyMaterial
                        ? "A verification method's 'publicKeyJwk' holds a private key."
                        : "A verification method's 'publicKeyJwk' is not a valid JWK.";
                    return new VerificationError(DidErrors.InvalidDocument, message) { Inner = read.Error };
                }

                jwk = read.Value;
            }

            // DID Core 5.2.1: a verification method MUST NOT hold the same key material in more than one property.
            if (multibase is not null && jwk is not null)
            {
                return new VerificationError(DidErrors.InvalidDocument, "A verification method has both 'publicKeyJwk' and 'publicKeyMultibase'.");
            }

            return new VerificationMethod { Id = id, Type = type, Controller = controller, PublicKeyMultibase = multibase, PublicKeyJwk = jwk };
        }

        private VerificationError? ReadServices(JsonElement element, List<DidService> services)
        {
            if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > options.MaxEntries)
            {
                return new VerificationError(DidErrors.InvalidDocument, "'service' must be an array within the entry limit.");
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in element.EnumerateArray())
            {
                // DID Core 5.4: id (a URI), type (string or set of strings) and serviceEndpoint are required.
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetString("id", out var id) || id.Length == 0)
                {
                    return new VerificationError(DidErrors.InvalidDocument, "A service needs a string 'id'.");
                }

                var absolute = DidUrl.TryResolveReference(id, _did, out var url) ? url.Value : id;
                if (!Uri.TryCreate(absolute, UriKind.Absolute, out _) && url is null)
                {
                    return new VerificationError(DidErrors.InvalidDocument, "A service 'id' must be a URI.");
                }

                // DID Core 5.4: a document MUST NOT have two services with the same id.
                if (!ids.Add(absolute))
                {
                    return new VerificationError(DidErrors.InvalidDocument, "Two services have the same 'id'.");
                }

                var types = new List<string>();
                if (!item.TryGetProperty("type", out var typeElement) || ReadStringOrSet(typeElement, "type", types, mustBeDid: false) is not null || types.Count == 0)
                {
                    return new VerificationError(DidErrors.InvalidDocument, "A service needs a 'type' string or set of strings.");
                }

                if (!item.TryGetProperty("serviceEndpoint", out var endpoint) || endpoint.ValueKind is not (JsonValueKind.String or JsonValueKind.Object or JsonValueKind.Array))
                {
                    return new VerificationError(DidErrors.InvalidDocument, "A service needs a 'serviceEndpoint' string, map or set.");
                }

                services.Add(new DidService { Id = id, Type = types, ServiceEndpoint = endpoint.Clone() });
            }

            return null;
        }
    }
}
