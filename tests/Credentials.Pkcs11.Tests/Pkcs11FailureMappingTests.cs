using Credentials.Pkcs11;
using Credentials.Pkcs11.Internal;
using Net.Pkcs11Interop.Common;
using Xunit;

namespace Credentials.Pkcs11.Tests;

public sealed class Pkcs11FailureMappingTests
{
    [Theory]
    [InlineData(CKR.CKR_PIN_INCORRECT, Pkcs11ErrorCodes.PinIncorrect)]
    [InlineData(CKR.CKR_PIN_INVALID, Pkcs11ErrorCodes.PinIncorrect)]
    [InlineData(CKR.CKR_PIN_LEN_RANGE, Pkcs11ErrorCodes.PinIncorrect)]
    [InlineData(CKR.CKR_PIN_LOCKED, Pkcs11ErrorCodes.PinLocked)]
    [InlineData(CKR.CKR_PIN_EXPIRED, Pkcs11ErrorCodes.PinExpired)]
    [InlineData(CKR.CKR_TOKEN_NOT_PRESENT, Pkcs11ErrorCodes.TokenNotFound)]
    [InlineData(CKR.CKR_DEVICE_REMOVED, Pkcs11ErrorCodes.TokenNotFound)]
    [InlineData(CKR.CKR_MECHANISM_INVALID, Pkcs11ErrorCodes.MechanismUnsupported)]
    [InlineData(CKR.CKR_KEY_TYPE_INCONSISTENT, Pkcs11ErrorCodes.KeyUnsupported)]
    [InlineData(CKR.CKR_KEY_HANDLE_INVALID, Pkcs11ErrorCodes.KeyNotFound)]
    [InlineData(CKR.CKR_DEVICE_MEMORY, Pkcs11ErrorCodes.DeviceError)]
    public void ReturnValues_MapToStableCodes(CKR rv, string code)
    {
        var mapped = Pkcs11Failures.From(new Net.Pkcs11Interop.Common.Pkcs11Exception("C_Login", rv), "C_Login");

        Assert.Equal(code, mapped.Code);
        Assert.Equal((ulong)rv, mapped.ReturnValue);
    }
}
