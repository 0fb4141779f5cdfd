using System;
using System.IO;

namespace Credentials.Testing;

/// <summary>The repository root: the first folder above the test binaries that holds <c>Credentials.sln</c>.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> s_path = new(Find);

    /// <summary>The full path of the repository root.</summary>
    /// <exception cref="InvalidOperationException">No folder above <see cref="AppContext.BaseDirectory"/> holds <c>Credentials.sln</c>.</exception>
    public static string Path => s_path.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Credentials.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Credentials.sln) was not found above the test binaries.");
    }
}
