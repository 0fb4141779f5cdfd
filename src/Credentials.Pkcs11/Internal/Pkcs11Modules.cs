using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Pkcs11.Internal;

/// <summary>
/// The modules loaded in this process, one <see cref="IPkcs11Library"/> per module file however it is named (a path, a
/// symbolic link, a <c>module-name</c> the platform's search finds). PKCS#11 v2.40 section 5.4: C_Initialize and
/// C_Finalize are process-wide (C_Finalize would end every other user's sessions), so each module is initialised once
/// and stays loaded for the process. One instance per file also keeps the login registry (<see cref="Pkcs11Logins"/>,
/// keyed by instance and slot) whole: the loader hands every name of one file the same native handle, so two
/// instances would share one login while counting it apart, and disposing the last open of either would log out the
/// other's signings.
/// </summary>
internal static class Pkcs11Modules
{
    private const int RtldNow = 2;

    private static readonly ConcurrentDictionary<string, Lazy<IPkcs11Library>> Loaded = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<string?>> NamedFiles = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<IPkcs11Library, object> SlotLocks = new();
    private static readonly Lazy<DlFunctions?> Dl = new(LoadDl);

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
    /// The lock held around every call that reads or changes <paramref name="library"/>'s slot table:
    /// <c>C_GetSlotList</c>, <c>C_GetSlotInfo</c>, <c>C_GetTokenInfo</c>, <c>C_GetMechanismList</c>,
    /// <c>C_OpenSession</c> and token initialisation. SoftHSM2 2.6 adds a free slot to its slot table (a
    /// <c>std::map</c>) inside <c>C_GetSlotList</c> without a lock, so a listing beside another listing, beside
    /// <c>C_InitToken</c> or beside any lookup of a slot by its id can corrupt the table or read it half-changed and
    /// abort the process. The table belongs to one module, so the lock does too: a slow or hung module (a network
    /// HSM) holds up only the session opens of its own tokens. These calls are rare (sessions are pooled; signing goes
    /// through a session, not the table). Lock order: a token's write lock, then this lock; nothing is taken under it.
    /// </summary>
    /// <param name="library">The loaded module (one instance per module file, see <see cref="Get"/>).</param>
    /// <returns>The same object for every call with the same module instance.</returns>
    public static object SlotLock(IPkcs11Library library)
    {
        ArgumentNullException.ThrowIfNull(library);
        return SlotLocks.GetValue(library, static _ => new object());
    }

    private static IntPtr ResolveLibdl(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!string.Equals(name, "libdl", StringComparison.Ordinal) || !OperatingSystem.IsLinux())
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in (ReadOnlySpan<string>)["libdl.so.2", "libc.so.6", "libdl.so", "libc.so"])
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
        string key;
        if (isPath)
        {
            key = Path.GetFullPath(module);
            if (!File.Exists(key))
            {
                throw new Pkcs11Exception(Pkcs11ErrorCodes.ModuleNotFound, $"The PKCS#11 module '{key}' does not exist.");
            }

            // One file reached through symbolic links (Debian's /usr/lib/softhsm/libsofthsm2.so points into the
            // multiarch folder) is one module: keyed by the file the links lead to.
            key = Resolve(key);
        }
        else
        {
            // A module-name is keyed by the file the platform's search loads, so that it meets the same file's
            // module-path; where that file cannot be told, by the name.
            key = FileOfName(module) is { } file ? Resolve(file) : module;
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

    /// <summary>
    /// The full path of the file <c>dlopen</c> loads for <paramref name="name"/> (Linux, macOS): the name is opened as
    /// Pkcs11Interop opens it, and <c>dladdr</c> on its <c>C_GetFunctionList</c> (section 5.2, exported by every
    /// module) names the file that holds it; the probe's handle is then closed (the module itself is loaded, and kept,
    /// by Pkcs11Interop). <see langword="null"/> when the name loads nothing or elsewhere (and on Windows, where the
    /// name is the key). The answer, found or not, is kept per name: the probe runs once per name for the process.
    /// </summary>
    internal static string? FileOfName(string name)
    {
        // Lazy (ExecutionAndPublication): concurrent first lookups of one name probe it once.
        return NamedFiles.GetOrAdd(name, static n => new Lazy<string?>(() => Probe(n))).Value;
    }

    /// <summary>Whether <paramref name="name"/> has been probed (its answer, found or not, is kept).</summary>
    internal static bool IsNameProbed(string name) => NamedFiles.ContainsKey(name);

    private static string? Probe(string name)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) || Dl.Value is not { } dl)
        {
            return null;
        }

        var handle = dl.Open(name, RtldNow);
        if (handle == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            if (!NativeLibrary.TryGetExport(handle, "C_GetFunctionList", out var entry)
                || dl.Address(entry, out var info) == 0 || info.FileName == IntPtr.Zero)
            {
                return null;
            }

            // Copied before dlclose: dli_fname points into the loader's record of the library.
            var file = Marshal.PtrToStringUTF8(info.FileName);
            return string.IsNullOrEmpty(file) ? null : Path.GetFullPath(file);
        }
        finally
        {
            // Every dlopen counts a reference; the probe's is given back, so a loaded module stays loaded by
            // Pkcs11Interop's own handle and a probed-only one is unloaded.
            _ = dl.Close(handle);
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

    private static DlFunctions? LoadDl()
    {
        ReadOnlySpan<string> candidates = OperatingSystem.IsMacOS() ? ["/usr/lib/libSystem.B.dylib"] : ["libdl.so.2", "libc.so.6", "libdl.so", "libc.so"];
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var library)
                && NativeLibrary.TryGetExport(library, "dlopen", out var open)
                && NativeLibrary.TryGetExport(library, "dladdr", out var address)
                && NativeLibrary.TryGetExport(library, "dlclose", out var close))
            {
                return new DlFunctions(
                    Marshal.GetDelegateForFunctionPointer<DlOpen>(open),
                    Marshal.GetDelegateForFunctionPointer<DlAddr>(address),
                    Marshal.GetDelegateForFunctionPointer<DlClose>(close));
            }
        }

        return null;
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

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr DlOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string file, int mode);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int DlClose(IntPtr handle);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int DlAddr(IntPtr address, out DlInfo info);

    /// <summary>Dl_info of dladdr(3).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct DlInfo
    {
        public IntPtr FileName;
        public IntPtr FileBase;
        public IntPtr SymbolName;
        public IntPtr SymbolAddress;
    }

    private sealed record DlFunctions(DlOpen Open, DlAddr Address, DlClose Close);
}
