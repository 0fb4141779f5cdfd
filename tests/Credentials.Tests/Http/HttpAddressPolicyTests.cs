using System.Net;
using Credentials.Http;
using Xunit;

namespace Credentials.Tests.Http;

public sealed class HttpAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.255.0.9", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("192.0.2.10", false)]
    [InlineData("198.51.100.1", false)]
    [InlineData("203.0.113.1", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("::127.0.0.1", false)]
    [InlineData("::8.8.8.8", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fec0::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:169.254.169.254", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::7f00:1", false)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("64:ff9b:1::1", false)]
    [InlineData("2002:7f00:1::1", false)]
    [InlineData("2002:c0a8:101::1", false)]
    [InlineData("2002:808:808::1", true)]
    [InlineData("2001::1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("100::1", false)]
    [InlineData("2001:4860:4860::8888", true)]
    public void PublicOnly_Address_AllowedOnlyWhenPublic(string address, bool allowed)
    {
        Assert.Equal(allowed, HttpAddressPolicy.PublicOnly.IsAllowed(IPAddress.Parse(address)));
        Assert.Equal(allowed, HttpAddressPolicy.IsPublic(IPAddress.Parse(address)));
        Assert.True(HttpAddressPolicy.AllowAll.IsAllowed(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.1.2.3", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("fd00::1", false)]
    public void PublicAndLoopback_Address_LoopbackAllowedPrivateNot(string address, bool allowed)
    {
        Assert.Equal(allowed, HttpAddressPolicy.PublicAndLoopback.IsAllowed(IPAddress.Parse(address)));
    }
}
