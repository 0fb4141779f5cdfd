using System;
using System.IO;

namespace Credentials.Samples.Web;

/// <summary>The app's data folder (sample keys, status lists, Data Protection keys), created on first start.</summary>
public sealed class WebData
{
    /// <summary>Creates the folder when it does not exist.</summary>
    /// <param name="directory">The folder.</param>
    public WebData(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The full path of the folder.</summary>
    public string Directory { get; }

    /// <summary>A path inside the folder; its parent folder is created.</summary>
    /// <param name="relativePath">The path relative to the data folder.</param>
    public string PathOf(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(Directory, relativePath));
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
