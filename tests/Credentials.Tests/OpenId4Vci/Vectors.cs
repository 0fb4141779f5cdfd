using System;
using System.IO;
using Credentials.Testing;

namespace Credentials.Tests.OpenId4Vci;

/// <summary>The OpenID4VCI 1.0 examples in specs/vectors/openid4vci (see its README for source and licence).</summary>
internal static class Vectors
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder, name)).Trim();

    public static byte[] ReadBytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    private static string Folder => Path.Combine(RepositoryRoot.Path, "specs", "vectors", "openid4vci");
}
