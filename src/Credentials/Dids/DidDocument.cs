using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Credentials.Internal;

namespace Credentials.Dids;

/// <summary>
/// A DID document (W3C DID Core 1.0 section 5) in its JSON representation (section 6.2), immutable. Serialize with
/// <see cref="ToJson"/>; read untrusted JSON with <see cref="Read(ReadOnlyMemory{byte}, DidDocumentReaderOptions?)"/>,
/// which rejects duplicate members and enforces size, depth and count limits.
/// </summary>
public sealed partial record DidDocument
{
    /// <summary>The JSON-LD <c>@context</c> URLs (empty for plain JSON documents).</summary>
    public IReadOnlyList<string> Context { get; init; } = [];

    /// <summary>The DID the document is about (DID Core 5.1.1).</summary>
    public required string Id { get; init; }

    /// <summary>The controller DIDs (DID Core 5.1.2).</summary>
    public IReadOnlyList<string> Controller { get; init; } = [];

    /// <summary>Other identifiers of the subject (DID Core 5.1.3).</summary>
    public IReadOnlyList<string> AlsoKnownAs { get; init; } = [];

    /// <summary>The verification methods (DID Core 5.2).</summary>
    public IReadOnlyList<VerificationMethod> VerificationMethod { get; init; } = [];

    /// <summary>The <c>authentication</c> relationship (DID Core 5.3.1).</summary>
    public IReadOnlyList<VerificationMethodReference> Authentication { get; init; } = [];

    /// <summary>The <c>assertionMethod</c> relationship (DID Core 5.3.2): keys that may issue credentials.</summary>
    public IReadOnlyList<VerificationMethodReference> AssertionMethod { get; init; } = [];

    /// <summary>The <c>keyAgreement</c> relationship (DID Core 5.3.3).</summary>
    public IReadOnlyList<VerificationMethodReference> KeyAgreement { get; init; } = [];

    /// <summary>The <c>capabilityInvocation</c> relationship (DID Core 5.3.4).</summary>
    public IReadOnlyList<VerificationMethodReference> CapabilityInvocation { get; init; } = [];

    /// <summary>The <c>capabilityDelegation</c> relationship (DID Core 5.3.5).</summary>
    public IReadOnlyList<VerificationMethodReference> CapabilityDelegation { get; init; } = [];

    /// <summary>The services (DID Core 5.4).</summary>
    public IReadOnlyList<DidService> Service { get; init; } = [];

    /// <summary>The entries of a verification relationship.</summary>
    /// <param name="relationship">The relationship.</param>
    public IReadOnlyList<VerificationMethodReference> GetRelationship(VerificationRelationship relationship) => relationship switch
    {
        VerificationRelationship.Authentication => Authentication,
        VerificationRelationship.AssertionMethod => AssertionMethod,
        VerificationRelationship.KeyAgreement => KeyAgreement,
        VerificationRelationship.CapabilityInvocation => CapabilityInvocation,
        VerificationRelationship.CapabilityDelegation => CapabilityDelegation,
        _ => throw new ArgumentOutOfRangeException(nameof(relationship)),
    };

    /// <summary>
    /// Finds the verification method a DID URL identifies, in <c>verificationMethod</c> or embedded in a relationship,
    /// resolving relative ids against <see cref="Id"/>. Never throws for bad input.
    /// </summary>
    /// <param name="url">The DID URL, for example a JWS <c>kid</c>.</param>
    public VerificationResult<VerificationMethod> FindVerificationMethod(DidUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Did.TryParse(Id, out var documentDid) || url.Did != documentDid)
        {
            return new VerificationError(DidErrors.KeyNotFound, "The DID URL is not about this document's DID.");
        }

        foreach (var method in VerificationMethod)
        {
            if (Matches(method.Id, documentDid, url))
            {
                return method;
            }
        }

        foreach (VerificationRelationship relationship in Enum.GetValues<VerificationRelationship>())
        {
            foreach (var entry in GetRelationship(relationship))
            {
                if (entry.Embedded is not null && Matches(entry.Id, documentDid, url))
                {
                    return entry.Embedded;
                }
            }
        }

        return new VerificationError(DidErrors.KeyNotFound, "No verification method in the document has this id.");
    }

    /// <summary>
    /// Whether the verification method with the given id may be used for the relationship: it is referenced from, or
    /// embedded in, that relationship (DID Core 5.3).
    /// </summary>
    /// <param name="methodId">The method's DID URL.</param>
    /// <param name="relationship">The relationship, for example <see cref="VerificationRelationship.AssertionMethod"/>.</param>
    public bool IsAuthorized(DidUrl methodId, VerificationRelationship relationship)
    {
        ArgumentNullException.ThrowIfNull(methodId);
        if (!Did.TryParse(Id, out var documentDid))
        {
            return false;
        }

        foreach (var entry in GetRelationship(relationship))
        {
            if (Matches(entry.Id, documentDid, methodId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Finds the verification method a DID URL identifies and checks it is authorized for the relationship.
    /// Fails with <c>did.key_not_found</c> or <c>did.key_not_authorized</c>.
    /// </summary>
    /// <param name="url">The DID URL.</param>
    /// <param name="relationship">The required relationship.</param>
    public VerificationResult<VerificationMethod> Dereference(DidUrl url, VerificationRelationship relationship)
    {
        var method = FindVerificationMethod(url);
        if (!method.IsValid)
        {
            return method;
        }

        // DID Core 5.3: a verification method may be used only for the relationships it is listed under.
        return IsAuthorized(url, relationship)
            ? method
            : new VerificationError(DidErrors.KeyNotAuthorized, $"The verification method is not authorized for {ToJsonName(relationship)}.");
    }

    private static bool Matches(string id, Did documentDid, DidUrl url)
        => DidUrl.TryResolveReference(id, documentDid, out var resolved) && resolved == url;

    internal static string ToJsonName(VerificationRelationship relationship) => relationship switch
    {
        VerificationRelationship.Authentication => "authentication",
        VerificationRelationship.AssertionMethod => "assertionMethod",
        VerificationRelationship.KeyAgreement => "keyAgreement",
        VerificationRelationship.CapabilityInvocation => "capabilityInvocation",
        _ => "capabilityDelegation",
    };

    /// <summary>Serializes the document as JSON (DID Core 6.2), UTF-8 without escaping non-ASCII.</summary>
    /// <param name="indented">Whether to indent the output (for a <c>did.json</c> file meant for people to read).</param>
    public string ToJson(bool indented = false) => Encoding.UTF8.GetString(ToUtf8Bytes(indented));

    /// <summary>Serializes the document as UTF-8 JSON (DID Core 6.2).</summary>
    /// <param name="indented">Whether to indent the output.</param>
    public byte[] ToUtf8Bytes(bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = indented }))
        {
            WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the document as a JSON object.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (Context.Count > 0)
        {
            writer.WriteStartArray("@context");
            foreach (var context in Context)
            {
                writer.WriteStringValue(context);
            }

            writer.WriteEndArray();
        }

        writer.WriteString("id", Id);
        WriteStringOrSet(writer, "controller", Controller);
        WriteSet(writer, "alsoKnownAs", AlsoKnownAs);
        if (VerificationMethod.Count > 0)
        {
            writer.WriteStartArray("verificationMethod");
            foreach (var method in VerificationMethod)
            {
                WriteMethod(writer, method);
            }

            writer.WriteEndArray();
        }

        foreach (VerificationRelationship relationship in Enum.GetValues<VerificationRelationship>())
        {
            var entries = GetRelationship(relationship);
            if (entries.Count == 0)
            {
                continue;
            }

            writer.WriteStartArray(ToJsonName(relationship));
            foreach (var entry in entries)
            {
                if (entry.Embedded is null)
                {
                    writer.WriteStringValue(entry.Id);
                }
                else
                {
                    WriteMethod(writer, entry.Embedded);
                }
            }

            writer.WriteEndArray();
        }

        if (Service.Count > 0)
        {
            writer.WriteStartArray("service");
            foreach (var service in Service)
            {
                writer.WriteStartObject();
                writer.WriteString("id", service.Id);
                WriteStringOrSet(writer, "type", service.Type);
                writer.WritePropertyName("serviceEndpoint");
                service.ServiceEndpoint.WriteTo(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteMethod(Utf8JsonWriter writer, VerificationMethod method)
    {
        writer.WriteStartObject();
        writer.WriteString("id", method.Id);
        writer.WriteString("type", method.Type);
        writer.WriteString("controller", method.Controller);
        if (method.PublicKeyMultibase is not null)
        {
            writer.WriteString("publicKeyMultibase", method.PublicKeyMultibase);
        }

        if (method.PublicKeyJwk is not null)
        {
            writer.WritePropertyName("publicKeyJwk");
            method.PublicKeyJwk.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static void WriteStringOrSet(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            writer.WriteString(name, values[0]);
        }
        else
        {
            WriteSet(writer, name, values);
        }
    }

    private static void WriteSet(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
