using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Credentials.Wallet.Internal;

/// <summary>Type-tolerant column reads: a file with a wrong type in a column yields <see langword="null"/>, never an exception.</summary>
internal static class Rows
{
    public static byte[]? Blob(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) || reader.GetFieldType(ordinal) != typeof(byte[]) ? null : reader.GetFieldValue<byte[]>(ordinal);

    public static string? Text(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) || reader.GetFieldType(ordinal) != typeof(string) ? null : reader.GetString(ordinal);

    public static long? Integer(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) || reader.GetFieldType(ordinal) != typeof(long) ? null : reader.GetInt64(ordinal);

    /// <summary>A new random id: 128 bits, base64url (22 characters).</summary>
    public static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
