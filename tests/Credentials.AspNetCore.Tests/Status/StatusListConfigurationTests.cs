using System;
using System.Collections.Generic;
using Credentials.AspNetCore.StatusLists;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Status;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Credentials.AspNetCore.Tests.Status;

/// <summary><c>AddStatusLists</c> bound from configuration, and the options refused at start-up.</summary>
public sealed class StatusListConfigurationTests : IDisposable
{
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, "status-1");

    public void Dispose() => _key.Dispose();

    [Fact]
    public void AddStatusLists_ConfigurationSection_BindsScalarsAndListsThenCodeSetsTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Credentials:StatusLists:Lists:0"] = "https://issuer.example/statuslists/1",
            ["Credentials:StatusLists:Lists:1"] = "https://issuer.example/statuslists/2",
            ["Credentials:StatusLists:TokenLifetime"] = "2.00:00:00",
            ["Credentials:StatusLists:TimeToLive"] = "00:15:00",
            ["Credentials:StatusLists:RefreshMargin"] = "0.25",
            ["Credentials:StatusLists:CheckInterval"] = "00:02:00",
            ["Credentials:StatusLists:RetryDelay"] = "00:00:10",
            ["Credentials:StatusLists:MaxRetryDelay"] = "00:10:00",
            ["Credentials:StatusLists:Issuer"] = "https://issuer.example",
            ["Credentials:StatusLists:PublishDirectory"] = "/srv/statuslists",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddStatusLists(configuration.GetSection("Credentials:StatusLists"), o =>
        {
            o.Signer = _key;
            o.Store = new InMemoryStatusListStore();
        });

        var options = services.BuildServiceProvider().GetRequiredService<IOptions<StatusListHostingOptions>>().Value;

        Assert.Equal(["https://issuer.example/statuslists/1", "https://issuer.example/statuslists/2"], options.Lists);
        Assert.Equal(TimeSpan.FromDays(2), options.TokenLifetime);
        Assert.Equal(TimeSpan.FromMinutes(15), options.TimeToLive);
        Assert.Equal(0.25, options.RefreshMargin);
        Assert.Equal(TimeSpan.FromMinutes(2), options.CheckInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(10), options.MaxRetryDelay);
        Assert.Equal("https://issuer.example", options.Issuer);
        Assert.Equal("/srv/statuslists", options.PublishDirectory);
        Assert.Same(_key, options.Signer);
    }

    [Fact]
    public void AddStatusLists_ConfigurationValueNotATimeSpan_Throws()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["TokenLifetime"] = "one day" }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddStatusLists(configuration, o => o.Signer = _key);

        Assert.Throws<InvalidOperationException>(() => services.BuildServiceProvider().GetRequiredService<IOptions<StatusListHostingOptions>>().Value);
    }

    public static TheoryData<string, Action<StatusListHostingOptions>> InvalidOptions => new()
    {
        { "no key", o => o.Signer = null },
        { "both keys", o => o.TokenIssuer = new StatusListTokenIssuer(o.Signer!) },
        { "relative list URI", o => o.Lists.Add("/statuslists/1") },
        { "list twice", o => o.Lists.Add("https://issuer.example/statuslists/1") },
        { "zero lifetime", o => o.TokenLifetime = TimeSpan.Zero },
        { "zero ttl", o => o.TimeToLive = TimeSpan.Zero },
        { "margin 0", o => o.RefreshMargin = 0 },
        { "margin 1", o => o.RefreshMargin = 1 },
        { "margin NaN", o => o.RefreshMargin = double.NaN },
        { "interval past the margin", o => o.CheckInterval = TimeSpan.FromHours(9) },
        { "zero interval", o => o.CheckInterval = TimeSpan.Zero },
        { "max retry below retry", o => o.MaxRetryDelay = TimeSpan.FromSeconds(1) },
        { "max retry over a day", o => o.MaxRetryDelay = TimeSpan.FromDays(2) },
        { "blank directory", o => o.PublishDirectory = " " },
        { "issuer and its resolver", o => (o.Issuer, o.ResolveIssuer) = ("https://issuer.example", _ => "https://issuer.example") },
        { "issuer resolver with a token issuer", o => (o.Signer, o.TokenIssuer, o.ResolveIssuer) = (null, new StatusListTokenIssuer(o.Signer!), _ => "https://issuer.example") },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Options_Invalid_FailValidation(string what, Action<StatusListHostingOptions> change)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddStatusLists(o =>
        {
            o.Signer = _key;
            o.Store = new InMemoryStatusListStore();
            o.Lists.Add("https://issuer.example/statuslists/1");
            change(o);
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.BuildServiceProvider().GetRequiredService<IOptions<StatusListHostingOptions>>().Value);
        Assert.NotEmpty(error.Failures);
        Assert.NotNull(what);
    }

    [Fact]
    public void AddStatusLists_Defaults_Valid()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddStatusLists(o => o.Signer = _key);

        var options = services.BuildServiceProvider().GetRequiredService<IOptions<StatusListHostingOptions>>().Value;

        Assert.Equal(TimeSpan.FromDays(1), options.TokenLifetime);
        Assert.Equal(TimeSpan.FromHours(1), options.TimeToLive);
        Assert.Equal(1.0 / 3, options.RefreshMargin);
    }

    [Theory]
    [InlineData("not a jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.eyJpYXQiOiIxIn0.c2ln")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.W10.c2ln")]
    public void TokenTimes_Unreadable_Null(string token)
        => Assert.Null(StatusListTokenTimes.TryRead(token));
}
