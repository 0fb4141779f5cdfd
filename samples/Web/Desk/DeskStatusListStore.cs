using Credentials.AspNetCore.Storage;

namespace Credentials.Samples.Web.Desk;

/// <summary>The desk's Token Status List store (<c>status-lists.db</c> in the data folder), kept apart from any other feature's store.</summary>
/// <param name="Store">The SQLite store.</param>
public sealed record DeskStatusListStore(SqliteStatusListStore Store)
{
    /// <summary>The database file's name in the data folder.</summary>
    public const string FileName = "status-lists.db";
}
