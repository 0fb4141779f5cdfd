using System;
using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.W3c;

namespace Credentials.OpenId4Vci;

/// <summary>Reads the issuer's own unsigned credential for the JWT signers.</summary>
internal static class W3cSignerInput
{
    public static W3cCredential Read(JsonObject credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            credential.WriteTo(writer);
        }

        var read = W3cCredential.Read(buffer.WrittenSpan);
        return read.IsValid ? read.Value : throw new ArgumentException("The credential is not a valid W3C credential: " + read.Error.Code, nameof(credential));
    }
}
