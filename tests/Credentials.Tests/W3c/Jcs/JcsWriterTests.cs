using System.Buffers;
using System.Text;
using System.Text.Json;
using Credentials.W3c.Jcs;
using Xunit;

namespace Credentials.Tests.W3c.Jcs;

public class JcsWriterTests
{
    private static string WriteObject(string json, params JcsOverride[] overrides)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        var error = JcsWriter.TryWriteObject(document.RootElement, overrides, buffer);
        Assert.Null(error);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void TryWriteObject_RemoveMember_LeftOut()
    {
        Assert.Equal("{\"a\":1}", WriteObject("{\"proof\":{\"x\":1},\"a\":1}", JcsOverride.Remove("proof")));
    }

    [Fact]
    public void TryWriteObject_ReplaceMember_NewValueInSortedPlace()
    {
        using var replacement = JsonDocument.Parse("[\"c1\"]");

        Assert.Equal("{\"@context\":[\"c1\"],\"z\":0}", WriteObject("{\"z\":0,\"@context\":[\"c1\",\"c2\"]}", JcsOverride.Replace("@context", replacement.RootElement)));
    }

    [Fact]
    public void TryWriteObject_ReplaceWithArray_AddedWhenAbsent()
    {
        using var proofs = JsonDocument.Parse("[{\"id\":\"p1\"},{\"id\":\"p2\"}]");
        var items = new[] { proofs.RootElement[1] };

        Assert.Equal("{\"a\":1,\"proof\":[{\"id\":\"p2\"}]}", WriteObject("{\"a\":1}", JcsOverride.ReplaceWithArray("proof", items)));
    }

    [Fact]
    public void TryWriteObject_DuplicateOutsideOverride_DuplicateMember()
    {
        using var document = JsonDocument.Parse("{\"a\":1,\"a\":2,\"proof\":3}");
        var buffer = new ArrayBufferWriter<byte>();

        var error = JcsWriter.TryWriteObject(document.RootElement, [JcsOverride.Remove("proof")], buffer);

        Assert.Equal(JcsErrors.DuplicateMember, error?.Code);
    }
}
