using System;

namespace Credentials.Pkcs11.Internal;

/// <summary>PKCS#11 3.0 values the v2.40 enums of Pkcs11Interop 5 do not name, and the curve parameters this library uses.</summary>
internal static class Pkcs11Constants
{
    /// <summary>CKK_EC_EDWARDS (PKCS#11 3.0 Current Mechanisms section 2.3.1: key type 0x40).</summary>
    public const ulong CkkEcEdwards = 0x40;

    /// <summary>CKM_EC_EDWARDS_KEY_PAIR_GEN (PKCS#11 3.0 Current Mechanisms section 2.3.5).</summary>
    public const ulong CkmEcEdwardsKeyPairGen = 0x1055;

    /// <summary>CKM_EDDSA (PKCS#11 3.0 Current Mechanisms section 2.3.14): pure Ed25519 without parameters.</summary>
    public const ulong CkmEddsa = 0x1057;

    /// <summary>CKA_EC_PARAMS of P-256: the DER OID 1.2.840.10045.3.1.7 (namedCurve, PKCS#11 v2.40 section 2.3.3).</summary>
    public static ReadOnlySpan<byte> P256Params => [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];

    /// <summary>CKA_EC_PARAMS of P-384: the DER OID 1.3.132.0.34.</summary>
    public static ReadOnlySpan<byte> P384Params => [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22];

    /// <summary>CKA_EC_PARAMS of Ed25519: the DER OID 1.3.101.112 (id-Ed25519, RFC 8410), PKCS#11 3.0 section 2.3.3.</summary>
    public static ReadOnlySpan<byte> Ed25519Params => [0x06, 0x03, 0x2B, 0x65, 0x70];

    /// <summary>CKA_EC_PARAMS of Ed25519 as the curve name, the PrintableString "edwards25519" (PKCS#11 3.0 section 2.3.3).</summary>
    public static ReadOnlySpan<byte> Ed25519NameParams => [0x13, 0x0C, (byte)'e', (byte)'d', (byte)'w', (byte)'a', (byte)'r', (byte)'d', (byte)'s', (byte)'2', (byte)'5', (byte)'5', (byte)'1', (byte)'9'];
}
