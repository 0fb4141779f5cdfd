using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Credentials.Wallet.Internal;

namespace Credentials.Wallet;

/// <content>Opening sealed records; every failure is a typed error.</content>
public sealed partial class WalletStore
{
    private VerificationResult<byte[]> OpenBytes(RecordAddress address, byte[]? blob)
    {
        return _cipher.TryOpen(address, blob, out var plaintext) switch
        {
            OpenStatus.Ok => plaintext,
            OpenStatus.UnsupportedFormat => new VerificationError(WalletErrors.UnsupportedVersion, $"A record in {address.Table}.{address.Column} uses a format this release does not know."),
            _ => new VerificationError(WalletErrors.Corrupt, $"A record in {address.Table}.{address.Column} failed authentication (altered, or moved from another row)."),
        };
    }

    private VerificationResult<string> OpenText(RecordAddress address, byte[]? blob)
    {
        var bytes = OpenBytes(address, blob);
        if (!bytes.IsValid)
        {
            return bytes.Error;
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes.Value);
        }
        catch (DecoderFallbackException)
        {
            return new VerificationError(WalletErrors.Corrupt, $"A record in {address.Table}.{address.Column} is not UTF-8.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes.Value);
        }
    }

    private VerificationResult<T> Open<T>(RecordAddress address, byte[]? blob, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var bytes = OpenBytes(address, blob);
        if (!bytes.IsValid)
        {
            return bytes.Error;
        }

        try
        {
            var value = JsonSerializer.Deserialize(bytes.Value, typeInfo);
            return value is null ? new VerificationError(WalletErrors.Corrupt, $"A record in {address.Table}.{address.Column} is empty.") : value;
        }
        catch (JsonException)
        {
            return new VerificationError(WalletErrors.Corrupt, $"A record in {address.Table}.{address.Column} is not valid JSON.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes.Value);
        }
    }

    private byte[] Seal<T>(RecordAddress address, T value, JsonTypeInfo<T> typeInfo)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        try
        {
            return _cipher.Seal(address, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
