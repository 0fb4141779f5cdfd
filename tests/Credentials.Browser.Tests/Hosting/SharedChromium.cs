using Xunit;

namespace Credentials.Browser.Tests.Hosting;

/// <summary>The tests that share one headless Chromium (they run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class SharedChromium : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
