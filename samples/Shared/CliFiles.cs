using System;
using System.IO;
using System.Text;

namespace Credentials.Samples;

/// <summary>File input and output with the sample apps' error messages (missing file, refusing to overwrite).</summary>
public static class CliFiles
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Reads a text file, or throws a <see cref="CliException"/> saying which file is missing or unreadable.</summary>
    public static string ReadAllText(string path, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new CliException(CliErrors.FileUnreadable(path, what, "it is a directory."));
        }

        if (!File.Exists(path))
        {
            throw new CliException(CliErrors.FileNotFound(path, what));
        }

        try
        {
            return File.ReadAllText(path, s_utf8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrors.FileUnreadable(path, what, CliErrors.Reason(ex)), ex);
        }
    }

    /// <summary>Reads a file's bytes (an image), or throws a <see cref="CliException"/> saying which file is missing or unreadable.</summary>
    public static byte[] ReadAllBytes(string path, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new CliException(CliErrors.FileUnreadable(path, what, "it is a directory."));
        }

        if (!File.Exists(path))
        {
            throw new CliException(CliErrors.FileNotFound(path, what));
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrors.FileUnreadable(path, what, CliErrors.Reason(ex)), ex);
        }
    }

    /// <summary>Writes bytes (an image) to <paramref name="path"/>, refusing to overwrite unless <paramref name="force"/>.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> contents, bool force)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        EnsureWritable(path, force);
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllBytes(path, contents);
        }
        catch (IOException ex) when (IsDiskFull(ex))
        {
            throw new CliException(CliErrors.DiskFull(path), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrors.WriteFailed(path, CliErrors.Reason(ex)), ex);
        }
    }

    /// <summary>Throws <see cref="CliErrors.FileExists"/> if <paramref name="path"/> exists and <paramref name="force"/> is false.</summary>
    public static void EnsureWritable(string path, bool force)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!force && (File.Exists(path) || Directory.Exists(path)))
        {
            throw new CliException(CliErrors.FileExists(path));
        }
    }

    /// <summary>
    /// Writes a UTF-8 text file (no BOM), creating its directory; refuses to overwrite unless <paramref name="force"/>.
    /// A path of <c>-</c> writes to <paramref name="stdout"/> instead.
    /// </summary>
    public static void WriteAllText(string path, string contents, bool force, TextWriter? stdout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path == "-" && stdout is not null)
        {
            stdout.WriteLine(contents);
            stdout.Flush();
            return;
        }

        EnsureWritable(path, force);
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(path, contents, s_utf8);
        }
        catch (IOException ex) when (IsDiskFull(ex))
        {
            throw new CliException(CliErrors.DiskFull(path), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrors.WriteFailed(path, CliErrors.Reason(ex)), ex);
        }
    }

    /// <summary>
    /// Whether a write failed because the disk (or quota) is full: <c>ENOSPC</c> on Linux and macOS (the exception's
    /// <see cref="Exception.HResult"/> is the errno there), <c>ERROR_DISK_FULL</c> or <c>ERROR_HANDLE_DISK_FULL</c> on Windows.
    /// </summary>
    public static bool IsDiskFull(IOException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return OperatingSystem.IsWindows()
            ? exception.HResult is unchecked((int)0x80070070) or unchecked((int)0x80070027)
            : exception.HResult == 28;
    }

    /// <summary>
    /// Writes a secret (a private key) so only the current user can read it where the platform supports it (Unix mode 600).
    /// </summary>
    public static void WriteSecret(string path, string contents, bool force)
    {
        WriteAllText(path, contents, force);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
