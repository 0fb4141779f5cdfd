using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Pkcs11.Internal;

/// <summary>
/// The user logins this process holds, one per module and slot. A module is its <see cref="IPkcs11Library"/>, of
/// which <see cref="Pkcs11Modules"/> makes one per module file, whatever path, link or name reached it: the login is
/// the token's, shared by every session of the process, so it is counted in one place. PKCS#11 v2.40 section 5.6 (C_Login): a token answers
/// CKR_USER_ALREADY_LOGGED_IN without checking the PIN, so the PIN of a later open is compared here with the one that
/// logged in: only an HMAC-SHA256 of it under a random per-process key is kept, never the PIN.
/// </summary>
internal static class Pkcs11Logins
{
    private static readonly Lock Gate = new();
    private static readonly byte[] MacKey = RandomNumberGenerator.GetBytes(32);
    private static readonly Dictionary<(IPkcs11Library Library, ulong Slot), Entry> Entries = [];

    /// <summary>Logs the user in on <paramref name="session"/>'s token, or checks the PIN against the login this process holds.</summary>
    /// <exception cref="Net.Pkcs11Interop.Common.Pkcs11Exception">C_Login failed.</exception>
    /// <exception cref="Pkcs11Exception"><see cref="Pkcs11ErrorCodes.PinIncorrect"/>: the token is logged in with another PIN.</exception>
    public static void Acquire(IPkcs11Library library, ISlot slot, ISession session, byte[] pin)
    {
        var mac = HMACSHA256.HashData(MacKey, pin);
        var key = (library, slot.SlotId);
        lock (Gate)
        {
            try
            {
                session.Login(CKU.CKU_USER, pin);
            }
            catch (Net.Pkcs11Interop.Common.Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
                if (Entries.TryGetValue(key, out var held))
                {
                    if (!CryptographicOperations.FixedTimeEquals(held.PinMac, mac))
                    {
                        throw new Pkcs11Exception(Pkcs11ErrorCodes.PinIncorrect, "The PIN is incorrect.");
                    }

                    held.Count++;
                    return;
                }

                // Logged in by something this registry does not count (a session this process opened on the module
                // outside Pkcs11Token): log out and in again so that this PIN is checked by the token.
                session.Logout();
                session.Login(CKU.CKU_USER, pin);
            }

            if (Entries.TryGetValue(key, out var existing))
            {
                existing.Count++;
                existing.PinMac = mac;
            }
            else
            {
                Entries[key] = new Entry { Count = 1, PinMac = mac };
            }
        }
    }

    /// <summary>
    /// Releases one open token's hold on the login; the last hold logs the user out on <paramref name="session"/>
    /// (section 5.6, C_Logout), under the same lock as <see cref="Acquire"/> so that no open logs in between.
    /// Called only once none of the releasing token's calls is inside the module.
    /// </summary>
    public static void Release(IPkcs11Library library, ulong slotId, ISession session)
    {
        lock (Gate)
        {
            var key = (library, slotId);
            if (!Entries.TryGetValue(key, out var held) || --held.Count > 0)
            {
                return;
            }

            Entries.Remove(key);
            try
            {
                session.Logout();
            }
            catch (Net.Pkcs11Interop.Common.Pkcs11Exception)
            {
                // Not logged in any more (token removed or reset): nothing to end.
            }
        }
    }

    private sealed class Entry
    {
        public int Count;

        public byte[] PinMac = [];
    }
}
