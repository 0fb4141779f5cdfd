using System.IO;

namespace Credentials.Samples;

internal static class SampleResources
{
    public static byte[] Read(string name)
    {
        using var stream = typeof(SampleResources).Assembly.GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"The embedded resource '{name}' is missing from the build.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
