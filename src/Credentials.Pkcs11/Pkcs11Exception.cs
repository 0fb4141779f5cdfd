using System;

namespace Credentials.Pkcs11;

/// <summary>
/// A PKCS#11 module, token or key could not be used: a configuration or device failure with a stable
/// <see cref="Code"/> (<see cref="Pkcs11ErrorCodes"/>). Messages never contain the PIN.
/// </summary>
public sealed class Pkcs11Exception : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The stable code, one of <see cref="Pkcs11ErrorCodes"/>.</param>
    /// <param name="message">What went wrong (never a PIN).</param>
    /// <param name="innerException">The module's own exception, if any.</param>
    public Pkcs11Exception(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>Creates the exception with the code <see cref="Pkcs11ErrorCodes.DeviceError"/>.</summary>
    public Pkcs11Exception()
        : this(Pkcs11ErrorCodes.DeviceError, "PKCS#11 failure.")
    {
    }

    /// <summary>Creates the exception with the code <see cref="Pkcs11ErrorCodes.DeviceError"/>.</summary>
    /// <param name="message">What went wrong.</param>
    public Pkcs11Exception(string message)
        : this(Pkcs11ErrorCodes.DeviceError, message)
    {
    }

    /// <summary>Creates the exception with the code <see cref="Pkcs11ErrorCodes.DeviceError"/>.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public Pkcs11Exception(string message, Exception? innerException)
        : this(Pkcs11ErrorCodes.DeviceError, message, innerException)
    {
    }

    /// <summary>The stable error code (<c>pkcs11.*</c>).</summary>
    public string Code { get; }

    /// <summary>The PKCS#11 return value (CKR_*) the module reported, if the failure came from the module.</summary>
    public ulong? ReturnValue { get; init; }
}
