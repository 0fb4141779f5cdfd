using Credentials.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Credentials.AspNetCore.Tests.Internal;

/// <summary><c>If-None-Match</c> as the status list and script endpoints answer it (RFC 9110 section 13.1.2).</summary>
public sealed class EntityTagsTests
{
    private const string ETag = "\"abc-_DEF\"";

    [Theory]
    [InlineData(null, false)]
    [InlineData("\"abc-_DEF\"", true)]
    [InlineData("W/\"abc-_DEF\"", true)]
    [InlineData("\"other\", W/\"abc-_DEF\"", true)]
    [InlineData("*", true)]
    [InlineData("\"other\"", false)]
    [InlineData("\"ABC-_def\"", false)]
    [InlineData("abc-_DEF", false)]
    public void IfNoneMatch_WeakComparisonOrStar(string? header, bool matches)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers.IfNoneMatch = header;
        }

        Assert.Equal(matches, EntityTags.IfNoneMatch(context.Request, ETag));
    }
}
