using System;
using System.Text.Json;

namespace Credentials.Jose;

/// <summary>A decrypted JWE: the plaintext and the protected header that the authentication tag covered.</summary>
public sealed class JweDecryptionResult
{
    internal JweDecryptionResult(ReadOnlyMemory<byte> plaintext, JsonElement protectedHeader, JweAlgorithm algorithm, JweEncryption encryption)
    {
        Plaintext = plaintext;
        ProtectedHeader = protectedHeader;
        Algorithm = algorithm;
        Encryption = encryption;
    }

    /// <summary>The decrypted plaintext.</summary>
    public ReadOnlyMemory<byte> Plaintext { get; }

    /// <summary>The protected header as parsed JSON (a detached clone; safe to keep).</summary>
    public JsonElement ProtectedHeader { get; }

    /// <summary>The key management algorithm (<c>alg</c>).</summary>
    public JweAlgorithm Algorithm { get; }

    /// <summary>The content encryption algorithm (<c>enc</c>).</summary>
    public JweEncryption Encryption { get; }

    /// <summary>The <c>kid</c> header, when present.</summary>
    public string? KeyId => HeaderString("kid");

    /// <summary>The <c>typ</c> header, when present.</summary>
    public string? Type => HeaderString("typ");

    /// <summary>The <c>cty</c> header, when present.</summary>
    public string? ContentType => HeaderString("cty");

    private string? HeaderString(string name)
        => ProtectedHeader.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
