namespace Credentials.Pkcs11;

/// <summary>The stable <see cref="Pkcs11Exception.Code"/> values (listed in specs/errors.md).</summary>
public static class Pkcs11ErrorCodes
{
    /// <summary>The module (PKCS#11 library) file does not exist, or no module was named.</summary>
    public const string ModuleNotFound = "pkcs11.module_not_found";

    /// <summary>The module exists but could not be loaded or initialised (C_Initialize failed).</summary>
    public const string ModuleLoadFailed = "pkcs11.module_load_failed";

    /// <summary>No token present matches the URI's token and slot attributes.</summary>
    public const string TokenNotFound = "pkcs11.token_not_found";

    /// <summary>More than one token matches the URI; name it by label, serial or slot id.</summary>
    public const string TokenAmbiguous = "pkcs11.token_ambiguous";

    /// <summary>No PIN was given: no <c>pin-source</c>, and the named environment variable is unset or empty.</summary>
    public const string PinMissing = "pkcs11.pin_missing";

    /// <summary>The <c>pin-source</c> is not a readable file (commands, <c>|/path</c>, are not run).</summary>
    public const string PinSourceUnsupported = "pkcs11.pin_source_unsupported";

    /// <summary>The URI carries a <c>pin-value</c>, which is refused: a PIN does not belong in a URI.</summary>
    public const string PinValueRefused = "pkcs11.pin_value_refused";

    /// <summary>The token refused the PIN (CKR_PIN_INCORRECT or CKR_PIN_INVALID / CKR_PIN_LEN_RANGE).</summary>
    public const string PinIncorrect = "pkcs11.pin_incorrect";

    /// <summary>The user PIN is locked (CKR_PIN_LOCKED): the security officer must reset it.</summary>
    public const string PinLocked = "pkcs11.pin_locked";

    /// <summary>The user PIN has expired (CKR_PIN_EXPIRED) and must be changed first.</summary>
    public const string PinExpired = "pkcs11.pin_expired";

    /// <summary>No private key matches the URI's object label and id.</summary>
    public const string KeyNotFound = "pkcs11.key_not_found";

    /// <summary>More than one private key matches the URI; add the object label or id.</summary>
    public const string KeyAmbiguous = "pkcs11.key_ambiguous";

    /// <summary>A key with this label or id already exists on the token (key generation).</summary>
    public const string KeyExists = "pkcs11.key_exists";

    /// <summary>The key's type or curve is not one this library signs with (EC P-256, EC P-384, Ed25519), or its public key cannot be read.</summary>
    public const string KeyUnsupported = "pkcs11.key_unsupported";

    /// <summary>The token's public key object for a private key does not hold that key's public key (a probe signature does not verify with it).</summary>
    public const string KeyMismatch = "pkcs11.key_mismatch";

    /// <summary>The token does not offer the mechanism the algorithm needs (for example CKM_EDDSA for Ed25519).</summary>
    public const string MechanismUnsupported = "pkcs11.mechanism_unsupported";

    /// <summary>The URI has a path attribute this library does not know, or names a non-key object; it matches nothing.</summary>
    public const string UriUnsupported = "pkcs11.uri_unsupported";

    /// <summary>Any other failure the module reports (the CKR_ name is in the message).</summary>
    public const string DeviceError = "pkcs11.device_error";
}
