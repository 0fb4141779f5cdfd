using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace Credentials.Wallet.Internal;

/// <summary>The schema and its migrations. Each migration runs inside the caller's write transaction, so a file is
/// either at the old version or the new one. Never edit a released migration: add the next one.</summary>
internal static class WalletSchema
{
    public const int CurrentVersion = 1;

    private const string V1 = """
        CREATE TABLE schema_version (
            version INTEGER PRIMARY KEY
        ) STRICT;
        CREATE TABLE wallet_header (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            magic TEXT NOT NULL,
            wallet_id BLOB NOT NULL,
            kdf TEXT NOT NULL,
            kdf_salt BLOB,
            kdf_memory_kib INTEGER,
            kdf_passes INTEGER,
            kdf_parallelism INTEGER,
            metadata_in_clear INTEGER NOT NULL,
            wrapped_dek BLOB NOT NULL
        ) STRICT;
        CREATE TABLE holder_keys (
            id TEXT PRIMARY KEY,
            thumbprint_index BLOB NOT NULL UNIQUE,
            public_record BLOB NOT NULL,
            private_key BLOB NOT NULL
        ) STRICT;
        CREATE TABLE credentials (
            id TEXT PRIMARY KEY,
            single_use INTEGER NOT NULL,
            metadata BLOB NOT NULL,
            format TEXT,
            vct TEXT,
            issuer TEXT,
            issued_at INTEGER,
            expires_at INTEGER,
            display_name TEXT
        ) STRICT;
        CREATE TABLE credential_copies (
            id TEXT PRIMARY KEY,
            credential_id TEXT NOT NULL REFERENCES credentials (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            holder_key_id TEXT REFERENCES holder_keys (id),
            used INTEGER NOT NULL DEFAULT 0,
            content_index BLOB NOT NULL UNIQUE,
            raw BLOB
        ) STRICT;
        CREATE INDEX ix_credential_copies_unused ON credential_copies (credential_id, used, seq);
        CREATE INDEX ix_credential_copies_key ON credential_copies (holder_key_id);
        CREATE TABLE disclosure_log (
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL UNIQUE,
            entry BLOB NOT NULL
        ) STRICT;
        """;

    private static readonly KeyValuePair<int, string>[] s_migrations = [new(1, V1)];

    /// <summary>Applies every migration above <paramref name="fromVersion"/>.</summary>
    public static void Migrate(SqliteConnection connection, SqliteTransaction transaction, int fromVersion)
    {
        foreach (var migration in s_migrations)
        {
            if (migration.Key <= fromVersion)
            {
                continue;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = migration.Value;
            command.ExecuteNonQuery();
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version) VALUES ($v)";
            record.Parameters.AddWithValue("$v", migration.Key);
            record.ExecuteNonQuery();
        }
    }
}
