using System;
using Credentials.Mdoc;
using Xunit;

namespace Credentials.Tests.Mdoc;

/// <summary>Data element values: text (kanji kept byte for byte), full-date (tag 1004), tdate (tag 0), arrays and maps.</summary>
public sealed class MdocCoreValueTests
{
    [Fact]
    public void FromText_Kanji_IsUtf8AndNeverNormalised()
    {
        // 髙 (U+9AD9) and 𠮷 (U+20BB7, outside the BMP) stay as given.
        var value = MdocValue.FromText("髙𠮷");

        Assert.Equal(MdocValueKind.Text, value.Kind);
        Assert.True(value.TryGetString(out var text));
        Assert.Equal("髙𠮷", text);
        Assert.Equal(Convert.FromHexString("67E9AB99F0A0AEB7"), value.Encoded.ToArray());
    }

    [Fact]
    public void FromFullDate_IsTag1004OverYyyyMmDd()
    {
        var value = MdocValue.FromFullDate(new DateOnly(1990, 4, 2));

        Assert.Equal(Convert.FromHexString("D903EC6A313939302D30342D3032"), value.Encoded.ToArray());
        Assert.Equal(MdocValueKind.FullDate, value.Kind);
        Assert.True(value.TryGetFullDate(out var date));
        Assert.Equal(new DateOnly(1990, 4, 2), date);
        Assert.False(value.TryGetDateTime(out _));
        Assert.Equal("\"1990-04-02\"", value.ToJson());
    }

    [Fact]
    public void FromDateTime_IsTag0UtcWholeSecondsZ()
    {
        var value = MdocValue.FromDateTime(new DateTimeOffset(2020, 10, 1, 22, 30, 2, 789, TimeSpan.FromHours(9)));

        Assert.Equal(Convert.FromHexString("C074323032302D31302D30315431333A33303A30325A"), value.Encoded.ToArray());
        Assert.True(value.TryGetDateTime(out var instant));
        Assert.Equal(new DateTimeOffset(2020, 10, 1, 13, 30, 2, TimeSpan.Zero), instant);
    }

    [Fact]
    public void DrivingPrivileges_MapsAndArrays_ReadBackAndShowAsJson()
    {
        var privileges = MdocValue.FromArray(MdocValue.FromMap(
            new("vehicle_category_code", MdocValue.FromText("B")),
            new("issue_date", MdocValue.FromFullDate(new DateOnly(2010, 5, 1)))));

        Assert.True(privileges.TryGetArray(out var items));
        Assert.True(Assert.Single(items).TryGetMember("vehicle_category_code", out var category));
        Assert.True(category.TryGetString(out var code));
        Assert.Equal("B", code);
        Assert.Equal("[{\"vehicle_category_code\":\"B\",\"issue_date\":\"2010-05-01\"}]", privileges.ToJson());
    }

    [Fact]
    public void Accessors_OfAnotherType_ReturnFalse()
    {
        var value = MdocValue.FromInteger(42);

        Assert.False(value.TryGetString(out _));
        Assert.False(value.TryGetBoolean(out _));
        Assert.True(value.TryGetInt64(out var n));
        Assert.Equal(42, n);
    }

    [Fact]
    public void FromMap_DuplicateKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => MdocValue.FromMap(new("a", MdocValue.Null), new("a", MdocValue.Null)));
    }
}
