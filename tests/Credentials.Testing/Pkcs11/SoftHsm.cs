using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Credentials.Pkcs11.Internal;
using Net.Pkcs11Interop.Common;
using System.Threading;

namespace Credentials.Testing.Pkcs11;

/// <summary>
/// Throw-away SoftHSM2 tokens for tests. SoftHSM2 reads <c>SOFTHSM2_CONF</c> from the process environment once, at
/// C_Initialize, and a PKCS#11 module is initialised once per process; so every test of a process shares one
/// configuration and one token folder in a temporary directory (set here before any test loads the module, deleted
/// at process exit), and each test asks for tokens of its own with <see cref="CreateToken"/>.
/// The module is <c>$CREDENTIALS_SOFTHSM2_MODULE</c>, else <c>/usr/lib/softhsm/libsofthsm2.so</c>, else
/// <c>/usr/lib/*/softhsm/libsofthsm2.so</c>; tokens are initialised through the module loaded in this process (as
/// <c>softhsm2-util --init-token --free</c> would). Without SoftHSM2 the tests fail, they never skip (<c>.ci/run</c>
/// installs Debian's softhsm2).
/// </summary>
public static class SoftHsm
{
    /// <summary>The environment variable naming the SoftHSM2 module file.</summary>
    public const string ModuleEnvironmentVariable = "CREDENTIALS_SOFTHSM2_MODULE";

    /// <summary>The SO PIN of every test token.</summary>
    public const string SoPin = "so-pin-1234";

    private static readonly Lazy<Setup> s_setup = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock s_initLock = new();
    private static int s_tokens;

    /// <summary>The SoftHSM2 module file.</summary>
    /// <exception cref="InvalidOperationException">SoftHSM2 is not installed.</exception>
    public static string ModulePath => s_setup.Value.Module;

    /// <summary>The configuration file (also in <c>SOFTHSM2_CONF</c> of this process).</summary>
    public static string ConfigPath => s_setup.Value.Config;

    /// <summary>The temporary folder holding the configuration, the tokens and the PIN files.</summary>
    public static string Directory => s_setup.Value.Root;

    /// <summary>The environment a child process needs to see the same tokens (<c>SOFTHSM2_CONF</c>).</summary>
    public static IReadOnlyDictionary<string, string> ChildEnvironment => new Dictionary<string, string>(StringComparer.Ordinal) { ["SOFTHSM2_CONF"] = ConfigPath };

    /// <summary>Makes sure the configuration is in place (call before the module is first loaded in this process).</summary>
    public static void EnsureConfigured() => _ = s_setup.Value;

    /// <summary>
    /// Initialises a new token in the shared token folder, with a fresh label and user PIN, and a PIN file beside it.
    /// </summary>
    /// <param name="labelPrefix">The start of the label (a counter and random suffix keep labels unique).</param>
    /// <exception cref="InvalidOperationException">SoftHSM2 is missing or softhsm2-util failed.</exception>
    public static SoftHsmToken CreateToken(string labelPrefix = "test")
    {
        ArgumentException.ThrowIfNullOrEmpty(labelPrefix);
        var setup = s_setup.Value;
        var n = Interlocked.Increment(ref s_tokens);
        var label = string.Create(CultureInfo.InvariantCulture, $"{labelPrefix}-{n}-{Guid.NewGuid().ToString("N")[..6]}");
        if (label.Length > 32)
        {
            // CK_TOKEN_INFO label is 32 bytes.
            label = label[^32..];
        }

        var pin = string.Create(CultureInfo.InvariantCulture, $"pin-{Guid.NewGuid():N}")[..16];
        InitToken(setup, label, pin);
        var pinFile = Path.Combine(setup.Root, "pins", label + ".pin");
        File.WriteAllText(pinFile, pin + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(pinFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return new SoftHsmToken(label, pin, pinFile, setup.Module);
    }

    /// <summary>
    /// Makes SoftHSM2 report the token's user PIN as locked (CKF_USER_PIN_LOCKED in C_GetTokenInfo). SoftHSM2 keeps no
    /// retry counter and never locks a PIN itself, but it reports the flags stored in the token's <c>token.object</c>
    /// file and reloads that file when its generation number changes: the flag is set there and the generation raised.
    /// The layout is SoftHSM2's ObjectFile (src/lib/object_store/ObjectFile.cpp): an 8-byte big-endian generation,
    /// then each attribute as its type, its kind (2: unsigned long) and its value, 8 bytes big-endian each; the flags
    /// are the vendor attribute CKA_OS_TOKENFLAGS (CKA_VENDOR_DEFINED + 0x5348 + 3).
    /// </summary>
    /// <param name="token">A token made by <see cref="CreateToken"/>, not in use by a signing.</param>
    /// <exception cref="InvalidOperationException">The token's file is not found or has no flags attribute.</exception>
    public static void LockUserPin(SoftHsmToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        const ulong UserPinLocked = 0x00040000;
        ReadOnlySpan<byte> flagsHeader = [0, 0, 0, 0, 0x80, 0, 0x53, 0x4B, 0, 0, 0, 0, 0, 0, 0, 2];
        var label = Encoding.UTF8.GetBytes(token.Label);
        foreach (var folder in System.IO.Directory.EnumerateDirectories(Path.Combine(s_setup.Value.Root, "tokens")))
        {
            var file = Path.Combine(folder, "token.object");
            if (!File.Exists(file))
            {
                continue;
            }

            var bytes = File.ReadAllBytes(file);
            if (bytes.AsSpan(8).IndexOf(label) < 0)
            {
                continue;
            }

            var at = bytes.AsSpan(8).IndexOf(flagsHeader);
            if (at < 0 || (at % 8) != 0 || bytes.Length < 8 + at + flagsHeader.Length + 8)
            {
                throw new InvalidOperationException($"The token file of '{token.Label}' has no token flags attribute where SoftHSM2 2.6 keeps it.");
            }

            var value = bytes.AsSpan(8 + at + flagsHeader.Length, 8);
            BinaryPrimitives.WriteUInt64BigEndian(value, BinaryPrimitives.ReadUInt64BigEndian(value) | UserPinLocked);
            BinaryPrimitives.WriteUInt64BigEndian(bytes, BinaryPrimitives.ReadUInt64BigEndian(bytes) + 1);
            File.WriteAllBytes(file, bytes);
            return;
        }

        throw new InvalidOperationException($"No SoftHSM2 token file holds the label '{token.Label}'.");
    }

    /// <summary>
    /// Opens a session on the token labelled <paramref name="label"/>, with the listing, every C_GetTokenInfo and the
    /// C_OpenSession under the library's slot-table lock (SoftHSM2 changes its slot table inside C_GetSlotList
    /// without a lock of its own, and each of these calls reads it).
    /// </summary>
    /// <param name="library">The loaded module.</param>
    /// <param name="label">The token label.</param>
    /// <param name="type">Read-only or read/write.</param>
    /// <returns>The session; the caller disposes it.</returns>
    /// <exception cref="InvalidOperationException">No token or several tokens have this label.</exception>
    public static Net.Pkcs11Interop.HighLevelAPI.ISession OpenSession(Net.Pkcs11Interop.HighLevelAPI.IPkcs11Library library, string label, SessionType type)
    {
        ArgumentNullException.ThrowIfNull(library);
        lock (Pkcs11Modules.SlotLock(library))
        {
            var slot = library.GetSlotList(SlotsType.WithTokenPresent).Single(s => s.GetTokenInfo().Label.TrimEnd(' ') == label);
            return slot.OpenSession(type);
        }
    }

    private static void InitToken(Setup setup, string label, string pin)
    {
        // Tokens made by softhsm2-util after this process initialised the module stay invisible to it (SoftHSM2 reads
        // its token folder at C_Initialize), so tokens are initialised through the module this process loaded:
        // C_InitToken on the free slot, then the SO sets the user PIN (C_InitPIN). SoftHSM2 then offers a new free slot.
        var library = Pkcs11Modules.Get(setup.Module, isPath: true);
        lock (s_initLock)
        lock (Pkcs11Modules.SlotLock(library))
        {
            var free = library.GetSlotList(SlotsType.WithTokenPresent).FirstOrDefault(s => !s.GetTokenInfo().TokenFlags.TokenInitialized)
                ?? throw new InvalidOperationException("SoftHSM2 offers no free slot to initialise a token in.");
            free.InitToken(SoPin, label);
            using var session = free.OpenSession(SessionType.ReadWrite);
            session.Login(CKU.CKU_SO, SoPin);
            session.InitPin(pin);
            session.Logout();

            // Let SoftHSM2 add its next free slot now, under the lock, rather than inside a later unguarded listing.
            _ = library.GetSlotList(SlotsType.WithTokenPresent);
        }
    }

    private static Setup Start()
    {
        var module = FindModule() ?? throw new InvalidOperationException(
            $"SoftHSM2 is required for the PKCS#11 tests and was not found: install Debian's softhsm2 (apt-get install -y softhsm2) or set {ModuleEnvironmentVariable} to libsofthsm2.so.");
        var root = System.IO.Directory.CreateTempSubdirectory("credentials-softhsm-").FullName;
        var tokens = System.IO.Directory.CreateDirectory(Path.Combine(root, "tokens")).FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(root, "pins"));
        var config = Path.Combine(root, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");

        // Read by the module (getenv) at C_Initialize: set before any test of this process loads it, in the .NET
        // environment and in the native one (Environment.SetEnvironmentVariable does not reach getenv on Unix).
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", config);
        SetNativeEnvironment("SOFTHSM2_CONF", config);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        };

        return new Setup(module, root, config);
    }

    private static void SetNativeEnvironment(string name, string value)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var libc = NativeLibrary.Load(OperatingSystem.IsMacOS() ? "libSystem.dylib" : "libc.so.6");
        var setenv = Marshal.GetDelegateForFunctionPointer<SetEnv>(NativeLibrary.GetExport(libc, "setenv"));
        if (setenv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed.");
        }
    }

    private static string? FindModule()
    {
        var configured = Environment.GetEnvironmentVariable(ModuleEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"{ModuleEnvironmentVariable} is '{configured}', which does not exist.");
        }

        if (File.Exists("/usr/lib/softhsm/libsofthsm2.so"))
        {
            return "/usr/lib/softhsm/libsofthsm2.so";
        }

        return System.IO.Directory.Exists("/usr/lib")
            ? System.IO.Directory.EnumerateDirectories("/usr/lib")
                .Select(d => Path.Combine(d, "softhsm", "libsofthsm2.so"))
                .Order(StringComparer.Ordinal)
                .FirstOrDefault(File.Exists)
            : null;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    private sealed record Setup(string Module, string Root, string Config);
}
