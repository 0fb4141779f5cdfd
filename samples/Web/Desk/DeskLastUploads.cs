using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Credentials.Samples.Web.Desk;

/// <summary>
/// The outcome of each staff member's last upload (its problems and how many people it added), kept in memory until
/// their next upload so that the desk still lists the problems after the page reloads itself (a row changed state).
/// Holds no value from the file: a problem names a line and a column only. A singleton; thread-safe.
/// </summary>
public sealed class DeskLastUploads
{
    private readonly ConcurrentDictionary<string, DeskLastUpload> _uploads = new(System.StringComparer.Ordinal);

    /// <summary>Replaces the staff member's last upload.</summary>
    /// <param name="user">The staff member's name.</param>
    /// <param name="problems">The problems found.</param>
    /// <param name="added">How many people were added.</param>
    public void Set(string user, IReadOnlyList<DeskProblem> problems, int? added) => _uploads[user] = new DeskLastUpload(problems, added);

    /// <summary>The staff member's last upload, if any since the app started.</summary>
    /// <param name="user">The staff member's name.</param>
    public DeskLastUpload? Get(string user) => _uploads.TryGetValue(user, out var upload) ? upload : null;
}
