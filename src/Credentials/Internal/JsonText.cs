using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Credentials.Internal;

/// <summary>Small JSON text helpers that avoid reflection-based serialization (the library is AOT-compatible).</summary>
internal static class JsonText
{
    /// <summary>Quotes a string as a JSON string literal.</summary>
    public static string Quote(string value)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Length + 2);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            writer.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
