using System;
using Credentials.Browser.Tests.Hosting;
using Xunit;

namespace Credentials.Browser.Tests.DcApiScript;

/// <summary>Where the browser tests look for Chromium, and that a missing one fails with the way to install it.</summary>
public sealed class DcApiChromiumLocatorTests
{
    [Fact]
    public void Locate_NoneFound_FailsSayingHowToInstall()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Chromium.Locate(null, ["/nonexistent/chromium", "/nonexistent/chromium-browser"]));

        Assert.Contains("bash .ci/run", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install", error.Message, StringComparison.Ordinal);
        Assert.Contains(Chromium.EnvironmentVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_SettingThatDoesNotExist_FailsRatherThanFallingBack()
    {
        var existing = typeof(DcApiChromiumLocatorTests).Assembly.Location;

        Assert.Throws<InvalidOperationException>(() => Chromium.Locate("/nonexistent/chromium", [existing]));
        Assert.Equal(existing, Chromium.Locate(null, ["/nonexistent/chromium", existing]));
        Assert.Equal(existing, Chromium.Locate(existing, []));
    }
}
