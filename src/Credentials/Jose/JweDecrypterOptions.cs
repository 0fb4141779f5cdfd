using System;
using System.Collections.Generic;

namespace Credentials.Jose;

/// <summary>What a <see cref="JweDecrypter"/> accepts. The recipient chooses the algorithms, never the header.</summary>
public sealed record JweDecrypterOptions
{
    /// <summary>The default options.</summary>
    public static JweDecrypterOptions Default { get; } = new();

    /// <summary>The content encryption algorithms accepted. Default <see cref="JweEncryption.DefaultAllowed"/> (A128GCM, A256GCM).</summary>
    public IReadOnlyList<JweEncryption> AllowedEncryptions { get; init; } = JweEncryption.DefaultAllowed;

    /// <summary>The key management algorithms accepted. Default (and only possible value) <c>ECDH-ES</c>.</summary>
    public IReadOnlyList<JweAlgorithm> AllowedAlgorithms { get; init; } = JweAlgorithm.All;

    /// <summary>The largest token accepted, in characters. Default 1 MiB.</summary>
    public int MaxTokenLength { get; init; } = 1024 * 1024;

    /// <summary>The deepest JSON nesting accepted in the protected header. Default 16.</summary>
    public int MaxHeaderDepth { get; init; } = 16;

    /// <summary>
    /// Header parameter names the application understands and processes when they appear in <c>crit</c>. Empty by
    /// default: any <c>crit</c> is refused (RFC 7516 section 4.1.13).
    /// </summary>
    public IReadOnlySet<string> UnderstoodCriticalHeaders { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    internal void Validate(string paramName)
    {
        if (MaxTokenLength <= 0 || MaxHeaderDepth <= 0 || MaxHeaderDepth > 256 || UnderstoodCriticalHeaders is null
            || AllowedEncryptions is null || AllowedEncryptions.Count == 0 || AllowedAlgorithms is null || AllowedAlgorithms.Count == 0)
        {
            throw new ArgumentException("MaxTokenLength and MaxHeaderDepth must be positive (MaxHeaderDepth at most 256), the allow-lists non-empty and UnderstoodCriticalHeaders not null.", paramName);
        }

        foreach (var e in AllowedEncryptions)
        {
            ArgumentNullException.ThrowIfNull(e, paramName);
        }

        foreach (var a in AllowedAlgorithms)
        {
            ArgumentNullException.ThrowIfNull(a, paramName);
        }
    }
}
