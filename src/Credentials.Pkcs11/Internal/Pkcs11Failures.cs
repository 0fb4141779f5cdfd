using System;
using Net.Pkcs11Interop.Common;

namespace Credentials.Pkcs11.Internal;

/// <summary>Maps the module's return values (PKCS#11 v2.40 section 5.1) to the stable codes.</summary>
internal static class Pkcs11Failures
{
    public static Pkcs11Exception From(Net.Pkcs11Interop.Common.Pkcs11Exception e, string doing)
    {
        var code = e.RV switch
        {
            CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE => Pkcs11ErrorCodes.PinIncorrect,
            CKR.CKR_PIN_LOCKED => Pkcs11ErrorCodes.PinLocked,
            CKR.CKR_PIN_EXPIRED => Pkcs11ErrorCodes.PinExpired,
            CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_TOKEN_NOT_RECOGNIZED or CKR.CKR_DEVICE_REMOVED or CKR.CKR_SLOT_ID_INVALID => Pkcs11ErrorCodes.TokenNotFound,
            CKR.CKR_MECHANISM_INVALID or CKR.CKR_MECHANISM_PARAM_INVALID => Pkcs11ErrorCodes.MechanismUnsupported,
            CKR.CKR_KEY_TYPE_INCONSISTENT or CKR.CKR_KEY_FUNCTION_NOT_PERMITTED or CKR.CKR_CURVE_NOT_SUPPORTED => Pkcs11ErrorCodes.KeyUnsupported,
            CKR.CKR_KEY_HANDLE_INVALID or CKR.CKR_OBJECT_HANDLE_INVALID => Pkcs11ErrorCodes.KeyNotFound,
            _ => Pkcs11ErrorCodes.DeviceError,
        };

        // The module's method name and return value only: never the arguments (a PIN is one of them for C_Login).
        return new Pkcs11Exception(code, $"{doing} failed: {e.RV}.", e) { ReturnValue = (ulong)e.RV };
    }

    public static bool IsSessionBroken(CKR rv)
        => rv is CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED or CKR.CKR_DEVICE_REMOVED
            or CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_DEVICE_ERROR or CKR.CKR_USER_NOT_LOGGED_IN;
}
