using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Pkcs11.Internal;

/// <summary>
/// The modules loaded in this process, one per file. PKCS#11 v2.40 section 5.4: C_Initialize and C_Finalize are
/// process-wide (a second C_Initialize fails with CKR_CRYPTOKI_ALREADY_INITIALIZED, and C_Finalize would end every
/// other user's sessions), so each module is loaded and initialised once and stays loaded for the process.
/// </summary>
internal static class Pkcs11Modules
{
    private static readonly ConcurrentDictionary<string, Lazy<IPkcs11Library>> Loaded = new(StringComparer.Ordinal);

    static Pkcs11Modules()
    {
        // Pkcs11Interop 5 loads modules through dlopen from "libdl", a name only the glibc development package provides
        // as a file (libdl.so); glibc itself ships libdl.so.2, and from 2.34 on dlopen lives in libc.so.6 as well.
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(CKR).Assembly, ResolveLibdl);
        }
        catch (InvalidOperationException)
        {
            // The application set its own resolver for Pkcs11Interop; it is kept.
        }
    }

    public static Pkcs11InteropFactories Factories { get; } = new();

    /// <summary>
    /// Held around <c>C_GetSlotList</c> and token initialisation. SoftHSM2 2.6 adds a free slot to its slot table inside
    /// <c>C_GetSlotList</c> without a lock, so two listings at once (or one beside <c>C_InitToken</c>) can corrupt the
    /// table and abort the process; listing slots is rare, so one lock for every module costs nothing.
    /// </summary>
    public static object SlotListLock { get; } = new();

    private static IntPtr ResolveLibdl(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!string.Equals(name, "libdl", StringComparison.Ordinal) || !OperatingSystem.IsLinux())
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in (ReadOnlySpan<string>)["libdl.so.2", "libc.so.6", "libdl.so"])
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    public static IPkcs11Library Get(string module, bool isPath)
    {
        var key = isPath ? Path.GetFullPath(module) : module;
        if (isPath && !File.Exists(key))
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.ModuleNotFound, $"The PKCS#11 module '{key}' does not exist.");
        }

        // One file reached through symbolic links (Debian's /usr/lib/softhsm/libsofthsm2.so points into the multiarch
        // folder) is one module for the loader: a second C_Initialize under another name would fail with
        // CKR_CRYPTOKI_ALREADY_INITIALIZED, so modules are keyed by the file the links lead to.
        if (isPath)
        {
            key = Resolve(key);
        }

        var lazy = Loaded.GetOrAdd(key, static k => new Lazy<IPkcs11Library>(() => Load(k)));
        try
        {
            return lazy.Value;
        }
        catch (Pkcs11Exception)
        {
            // A failed load is not cached: the next caller may have fixed the configuration.
            Loaded.TryRemove(new(key, lazy));
            throw;
        }
    }

    /// <summary>The path with every symbolic link along it followed (at most 40, as the kernel allows).</summary>
    internal static string Resolve(string fullPath)
    {
        var path = fullPath;
        for (var hops = 0; hops < 40; hops++)
        {
            var root = Path.GetPathRoot(path) ?? string.Empty;
            var current = root;
            string? linked = null;
            var parts = path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < parts.Length; i++)
            {
                var next = Path.Combine(current, parts[i]);
                string? target;
                try
                {
                    target = new FileInfo(next).LinkTarget;
                }
                catch (IOException)
                {
                    target = null;
                }
                catch (UnauthorizedAccessException)
                {
                    target = null;
                }

                if (target is not null)
                {
                    // A relative target is relative to the folder holding the link; the rest of the path follows it.
                    var resolved = Path.GetFullPath(target, current);
                    linked = Path.Combine([resolved, .. parts[(i + 1)..]]);
                    break;
                }

                current = next;
            }

            if (linked is null)
            {
                return current;
            }

            path = linked;
        }

        return fullPath;
    }

    private static IPkcs11Library Load(string module)
    {
        try
        {
            // Multi-threaded: C_Initialize with CKF_OS_LOCKING_OK, as sessions are used from many threads (one at a time each).
            return Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, module, AppType.MultiThreaded);
        }
        catch (Net.Pkcs11Interop.Common.Pkcs11Exception e)
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.ModuleLoadFailed, $"The PKCS#11 module '{module}' failed to initialise ({e.RV}).", e) { ReturnValue = (ulong)e.RV };
        }
        catch (Exception e) when (e is UnmanagedException or DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or IOException)
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.ModuleLoadFailed, $"The PKCS#11 module '{module}' could not be loaded.", e);
        }
    }
}
