using System;
using System.Buffers.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.AspNetCore.StatusLists;
using Credentials.Keys;
using Credentials.Status;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Credentials.AspNetCore.Tests.Status;

/// <summary>
/// <see cref="StatusListHostingOptions.ResolveIssuer"/>: the tokens' <c>iss</c> comes from the application's services
/// when the first token is signed (an address known only once the server listens), and a call made too early is asked
/// again at the next signing.
/// </summary>
public sealed class StatusListIssuerResolverTests : IDisposable
{
    private const string List = "https://issuer.example/statuslists/1";
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, "status-1");

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task ResolveIssuer_KnownOnlyLater_TooEarlyFailsThenTheTokenNamesTheResolvedIssuer()
    {
        var address = new ServerAddress();
        var store = new InMemoryStatusListStore();
        var services = new ServiceCollection().AddLogging().AddSingleton(address);
        services.AddStatusLists(o =>
        {
            o.Signer = _key;
            o.Store = store;
            o.ResolveIssuer = sp => sp.GetRequiredService<ServerAddress>().Value ?? throw new InvalidOperationException("The server has not started.");
        });
        await using var provider = services.BuildServiceProvider();
        var publisher = provider.GetRequiredService<IStatusListPublisher>();
        await new StatusListIssuer(store, new StatusListTokenIssuer(_key)).CreateListAsync(List, 1, 16);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await publisher.PublishAsync(List));
        address.Value = "http://127.0.0.1:5180";
        var token = await publisher.PublishAsync(List);
        address.Value = "http://127.0.0.1:5181";
        var again = await publisher.PublishAsync(List);

        Assert.Equal("http://127.0.0.1:5180", Claim(token, "iss"));
        Assert.Equal("http://127.0.0.1:5180", Claim(again, "iss"));
        Assert.Equal(List, Claim(token, "sub"));
    }

    [Fact]
    public async Task ResolveIssuer_ReturnsNull_TokenWithoutIss()
    {
        var services = new ServiceCollection().AddLogging();
        var store = new InMemoryStatusListStore();
        services.AddStatusLists(o =>
        {
            o.Signer = _key;
            o.Store = store;
            o.ResolveIssuer = _ => null;
        });
        await using var provider = services.BuildServiceProvider();
        await new StatusListIssuer(store, new StatusListTokenIssuer(_key)).CreateListAsync(List, 1, 16);

        var token = await provider.GetRequiredService<IStatusListPublisher>().PublishAsync(List);

        Assert.Null(Claim(token, "iss"));
        Assert.Equal(List, Claim(token, "sub"));
    }

    private static string? Claim(string token, string name)
    {
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]));
        return payload.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }

    private sealed class ServerAddress
    {
        public string? Value { get; set; }
    }
}
