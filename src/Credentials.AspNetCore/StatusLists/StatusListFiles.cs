using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.AspNetCore.StatusLists;

/// <summary>
/// Writes published tokens into the publish directory as static files: a list URI maps to a plain file name that
/// cannot leave the directory, and each write is atomic (a temporary file in the same directory, flushed, then renamed
/// over the old file), so a web server or CDN never serves half a token.
/// </summary>
internal static class StatusListFiles
{
    /// <summary>The longest file name accepted (most file systems allow 255 bytes).</summary>
    public const int MaxFileNameLength = 200;

    /// <summary>The default mapping: the last segment of the URI's path (<c>https://h/statuslists/7</c> → <c>7</c>).</summary>
    public static string DefaultFileName(string listUri)
    {
        var path = Uri.TryCreate(listUri, UriKind.Absolute, out var uri) ? uri.AbsolutePath : listUri;
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return Uri.UnescapeDataString(slash < 0 ? trimmed : trimmed[(slash + 1)..]);
    }

    /// <summary>
    /// Whether <paramref name="name"/> is a plain file name: not empty, not <c>.</c> or <c>..</c>, no directory
    /// separator of any platform, not rooted, no character invalid in a file name, no control character.
    /// </summary>
    public static bool IsSafeFileName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxFileNameLength || name is "." or ".." || name.Trim().Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is '/' or '\\' or ':' or '\0' || char.IsControl(c))
            {
                return false;
            }
        }

        return name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && !Path.IsPathRooted(name) && name[0] != '~';
    }

    /// <summary>The full path of <paramref name="fileName"/> in <paramref name="directory"/>, checked to stay inside it.</summary>
    /// <exception cref="ArgumentException">The name is not a safe file name.</exception>
    public static string PathIn(string directory, string fileName)
    {
        if (!IsSafeFileName(fileName))
        {
            throw new ArgumentException("The file name of a status list must be a plain file name (no separator, not '.' or '..', not rooted).", nameof(fileName));
        }

        var root = Path.GetFullPath(directory);
        var full = Path.GetFullPath(Path.Combine(root, fileName));
        if (!string.Equals(Path.GetDirectoryName(full), Path.TrimEndingDirectorySeparator(root), StringComparison.Ordinal))
        {
            throw new ArgumentException("The file name of a status list must stay inside the publish directory.", nameof(fileName));
        }

        return full;
    }

    /// <summary>Writes <paramref name="token"/> to <paramref name="path"/> atomically (temporary file, flush, rename).</summary>
    public static async Task WriteAtomicallyAsync(string path, string token, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);

        // Same directory, so the rename stays on one file system (atomic); a dot name, so static servers skip it.
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Path.GetRandomFileName() + ".tmp");
        try
        {
            var bytes = Encoding.ASCII.GetBytes(token);
            var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous });
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
