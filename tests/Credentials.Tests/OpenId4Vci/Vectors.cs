using System;
using System.IO;

namespace Credentials.Tests.OpenId4Vci;

/// <summary>The OpenID4VCI 1.0 examples in specs/vectors/openid4vci (see its README for source and licence).</summary>
internal static class Vectors
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder, name)).Trim();

    public static byte[] ReadBytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    private static string Folder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Credentials.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Credentials.sln not found."), "specs", "vectors", "openid4vci");
        }
    }
}
