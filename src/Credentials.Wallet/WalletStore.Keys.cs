using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Wallet.Internal;
using Microsoft.Data.Sqlite;

namespace Credentials.Wallet;

/// <content>Holder keys.</content>
public sealed partial class WalletStore
{
    private const string KeysTable = "holder_keys";

    /// <summary>Creates a new holder key and stores it encrypted. The private key never leaves the wallet unless exported explicitly.</summary>
    /// <param name="algorithm"><see cref="JwsAlgorithm.EdDsa"/> (Ed25519) or <see cref="JwsAlgorithm.Es256"/> (P-256); <see cref="JwsAlgorithm.Es384"/> also works.</param>
    /// <param name="cancellationToken">Cancels while waiting for the write lock.</param>
    /// <returns>The new key's public information.</returns>
    /// <exception cref="ArgumentException">The algorithm is not one a holder key may use.</exception>
    public ValueTask<VerificationResult<HolderKeyInfo>> CreateHolderKeyAsync(JwsAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (!JwsAlgorithm.DefaultAllowed.Contains(algorithm))
        {
            throw new ArgumentException($"Holder keys use EdDSA, ES256 or ES384, not {algorithm.Name}.", nameof(algorithm));
        }

        using var key = SigningKey.Create(algorithm);
        return StoreKeyAsync(key, cancellationToken);
    }

    /// <summary>Imports an existing private key (for example from another wallet) and stores it encrypted.</summary>
    /// <param name="privateJwk">A private JWK (with <c>d</c>) of an Ed25519, P-256 or P-384 key.</param>
    /// <param name="cancellationToken">Cancels while waiting for the write lock.</param>
    /// <returns>The key's public information; or <c>key.invalid_jwk</c>, <c>key.unsupported_key_type</c>, <c>wallet.duplicate_key</c>.</returns>
    public ValueTask<VerificationResult<HolderKeyInfo>> ImportHolderKeyAsync(Jwk privateJwk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(privateJwk);
        SigningKey key;
        try
        {
            key = SigningKey.FromJwk(privateJwk);
        }
        catch (ArgumentException ex)
        {
            return ValueTask.FromResult<VerificationResult<HolderKeyInfo>>(new VerificationError(KeyErrors.InvalidJwk, ex.Message));
        }
        catch (PlatformNotSupportedException ex)
        {
            return ValueTask.FromResult<VerificationResult<HolderKeyInfo>>(new VerificationError(KeyErrors.UnsupportedKeyType, ex.Message));
        }

        using (key)
        {
            if (!JwsAlgorithm.DefaultAllowed.Contains(key.Algorithm))
            {
                return ValueTask.FromResult<VerificationResult<HolderKeyInfo>>(new VerificationError(KeyErrors.UnsupportedKeyType, $"Holder keys use EdDSA, ES256 or ES384, not {key.Algorithm.Name}."));
            }

            return StoreKeyAsync(key, cancellationToken);
        }
    }

    /// <summary>Lists the holder keys (public parts only).</summary>
    /// <param name="cancellationToken">Cancels before the query.</param>
    /// <returns>The keys in creation order, or <c>wallet.corrupt</c>.</returns>
    public ValueTask<VerificationResult<IReadOnlyList<HolderKeyInfo>>> ListHolderKeysAsync(CancellationToken cancellationToken = default) => ReadAsync(
        connection =>
        {
            using var command = Rows.Command(connection, null, "SELECT id, public_record FROM holder_keys ORDER BY rowid");
            using var reader = command.ExecuteReader();
            var keys = new List<HolderKeyInfo>();
            while (reader.Read())
            {
                var info = ReadKeyInfo(reader);
                if (!info.IsValid)
                {
                    return info.Error;
                }

                keys.Add(info.Value);
            }

            return VerificationResult<IReadOnlyList<HolderKeyInfo>>.Success(keys);
        },
        cancellationToken);

    /// <summary>Gets a holder key's public information (and public JWK) by id.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="cancellationToken">Cancels before the query.</param>
    /// <returns>The key; or <c>wallet.key_not_found</c>.</returns>
    public ValueTask<VerificationResult<HolderKeyInfo>> GetHolderKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return ReadAsync(connection => ReadKey(connection, "id = $v", keyId), cancellationToken);
    }

    /// <summary>
    /// Finds the holder key a credential is bound to, by the RFC 7638 thumbprint of its <c>cnf.jwk</c> (base64url, or the
    /// RFC 9278 <c>urn:ietf:params:oauth:jwk-thumbprint:sha-256:</c> URI). The lookup uses a keyed blind index; thumbprints are not stored in the clear.
    /// </summary>
    /// <param name="thumbprint">The SHA-256 JWK thumbprint.</param>
    /// <param name="cancellationToken">Cancels before the query.</param>
    /// <returns>The key; or <c>wallet.key_not_found</c>.</returns>
    public ValueTask<VerificationResult<HolderKeyInfo>> FindHolderKeyByThumbprintAsync(string thumbprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(thumbprint);
        if (thumbprint.StartsWith(Jwk.ThumbprintUriPrefixSha256, StringComparison.Ordinal))
        {
            thumbprint = thumbprint[Jwk.ThumbprintUriPrefixSha256.Length..];
        }

        var index = _cipher.BlindIndex("thumbprint", thumbprint);
        return ReadAsync(connection => ReadKey(connection, "thumbprint_index = $v", index), cancellationToken);
    }

    /// <summary>
    /// Gets a signer for a holder key (to sign a key-binding JWT or a credential request proof). The private key is
    /// decrypted into the returned <see cref="SigningKey"/>; dispose it as soon as the signature is made.
    /// </summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="cancellationToken">Cancels before the query.</param>
    /// <returns>The signing key; or <c>wallet.key_not_found</c>, <c>wallet.corrupt</c>.</returns>
    public ValueTask<VerificationResult<SigningKey>> GetSignerAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return ReadAsync(connection => ReadPrivateKey(connection, keyId), cancellationToken);
    }

    /// <summary>
    /// Exports a holder key's private JWK, for a backup or a move to another wallet. Deliberately named: the result is a
    /// secret, and anyone holding it can present the credentials bound to the key.
    /// </summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="cancellationToken">Cancels before the query.</param>
    /// <returns>The private JWK; or <c>wallet.key_not_found</c>, <c>wallet.corrupt</c>.</returns>
    public async ValueTask<VerificationResult<Jwk>> ExportPrivateKeyUnsafeAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var key = await GetSignerAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (!key.IsValid)
        {
            return key.Error;
        }

        using var signingKey = key.Value;
        return signingKey.ExportPrivateJwk();
    }

    /// <summary>Deletes a holder key that no unused credential copy is bound to.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="cancellationToken">Cancels while waiting for the write lock.</param>
    /// <returns>Success; or <c>wallet.key_not_found</c>, <c>wallet.key_in_use</c>.</returns>
    public async ValueTask<VerificationResult<bool>> DeleteHolderKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var result = await WriteAsync(
            (connection, transaction) =>
            {
                using (var inUse = Rows.Command(connection, transaction, "SELECT count(*) FROM credential_copies WHERE holder_key_id = $id AND used = 0"))
                {
                    inUse.Parameters.AddWithValue("$id", keyId);
                    if (Convert.ToInt64(inUse.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0)
                    {
                        return new VerificationError(WalletErrors.KeyInUse, "A stored credential is bound to this key.");
                    }
                }

                using (var unbind = Rows.Command(connection, transaction, "UPDATE credential_copies SET holder_key_id = NULL WHERE holder_key_id = $id"))
                {
                    unbind.Parameters.AddWithValue("$id", keyId);
                    unbind.ExecuteNonQuery();
                }

                using var delete = Rows.Command(connection, transaction, "DELETE FROM holder_keys WHERE id = $id");
                delete.Parameters.AddWithValue("$id", keyId);
                return delete.ExecuteNonQuery() == 1 ? VerificationResult<bool>.Success(true) : new VerificationError(WalletErrors.KeyNotFound, "No holder key with this id or thumbprint is stored.");
            },
            cancellationToken).ConfigureAwait(false);
        if (result.IsValid)
        {
            Checkpoint();
        }

        return result;
    }

    private ValueTask<VerificationResult<HolderKeyInfo>> StoreKeyAsync(SigningKey key, CancellationToken cancellationToken)
    {
        var id = Rows.NewId();
        var publicJwk = key.PublicJwk with { Kid = null };
        var thumbprint = publicJwk.ComputeThumbprint();
        var info = new HolderKeyInfo { Id = id, Algorithm = key.Algorithm, PublicJwk = publicJwk, Thumbprint = thumbprint, CreatedAt = _options.TimeProvider.GetUtcNow() };
        var record = new HolderKeyRecord { Algorithm = key.Algorithm.Name, PublicJwk = publicJwk.ToJson(), Thumbprint = thumbprint, CreatedAt = info.CreatedAt };
        var sealedPublic = Seal(new RecordAddress(KeysTable, "public_record", id), record, WalletJsonContext.Default.HolderKeyRecord);
        var sealedPrivate = _cipher.Seal(new RecordAddress(KeysTable, "private_key", id), key.ExportPrivateJwk().ToJson());
        var index = _cipher.BlindIndex("thumbprint", thumbprint);
        return WriteAsync<HolderKeyInfo>(
            (connection, transaction) =>
            {
                using (var exists = Rows.Command(connection, transaction, "SELECT count(*) FROM holder_keys WHERE thumbprint_index = $index"))
                {
                    exists.Parameters.AddWithValue("$index", index);
                    if (Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0)
                    {
                        return new VerificationError(WalletErrors.DuplicateKey, "This key is already stored.");
                    }
                }

                using var insert = Rows.Command(connection, transaction, "INSERT INTO holder_keys (id, thumbprint_index, public_record, private_key) VALUES ($id, $index, $public, $private)");
                insert.Parameters.AddWithValue("$id", id);
                insert.Parameters.AddWithValue("$index", index);
                insert.Parameters.AddWithValue("$public", sealedPublic);
                insert.Parameters.AddWithValue("$private", sealedPrivate);
                insert.ExecuteNonQuery();
                return info;
            },
            cancellationToken);
    }

    private VerificationResult<HolderKeyInfo> ReadKey(SqliteConnection connection, string where, object value)
    {
        using var command = Rows.Command(connection, null, "SELECT id, public_record FROM holder_keys WHERE " + where);
        command.Parameters.AddWithValue("$v", value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadKeyInfo(reader) : new VerificationError(WalletErrors.KeyNotFound, "No holder key with this id or thumbprint is stored.");
    }

    private VerificationResult<HolderKeyInfo> ReadKeyInfo(SqliteDataReader reader)
    {
        var id = Rows.Text(reader, 0);
        if (id is null)
        {
            return new VerificationError(WalletErrors.Corrupt, "A holder key row is malformed.");
        }

        var record = Open(new RecordAddress(KeysTable, "public_record", id), Rows.Blob(reader, 1), WalletJsonContext.Default.HolderKeyRecord);
        if (!record.IsValid)
        {
            return record.Error;
        }

        if (!JwsAlgorithm.TryGet(record.Value.Algorithm, out var algorithm) || !Jwk.TryParse(record.Value.PublicJwk, out var jwk))
        {
            return new VerificationError(WalletErrors.Corrupt, "A holder key record is malformed.");
        }

        return new HolderKeyInfo { Id = id, Algorithm = algorithm, PublicJwk = jwk, Thumbprint = record.Value.Thumbprint, CreatedAt = record.Value.CreatedAt };
    }

    private VerificationResult<SigningKey> ReadPrivateKey(SqliteConnection connection, string keyId)
    {
        using var command = Rows.Command(connection, null, "SELECT id, public_record, private_key FROM holder_keys WHERE id = $id");
        command.Parameters.AddWithValue("$id", keyId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return new VerificationError(WalletErrors.KeyNotFound, "No holder key with this id or thumbprint is stored.");
        }

        var info = ReadKeyInfo(reader);
        if (!info.IsValid)
        {
            return info.Error;
        }

        var json = OpenText(new RecordAddress(KeysTable, "private_key", keyId), Rows.Blob(reader, 2));
        if (!json.IsValid)
        {
            return json.Error;
        }

        if (!Jwk.TryParse(json.Value, out var privateJwk) || !privateJwk.HasPrivateKey)
        {
            return new VerificationError(WalletErrors.Corrupt, "A holder key's private record is malformed.");
        }

        try
        {
            var key = SigningKey.FromJwk(privateJwk, info.Value.Algorithm);
            if (!string.Equals(key.PublicJwk.ComputeThumbprint(), info.Value.Thumbprint, StringComparison.Ordinal))
            {
                key.Dispose();
                return new VerificationError(WalletErrors.Corrupt, "A holder key's private and public records do not match.");
            }

            return key;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or PlatformNotSupportedException)
        {
            return new VerificationError(WalletErrors.Corrupt, "A holder key's private record is not a valid key.");
        }
    }
}
