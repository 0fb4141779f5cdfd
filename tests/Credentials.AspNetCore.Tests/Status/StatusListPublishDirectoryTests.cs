using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.StatusLists;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Status;
using Credentials.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.AspNetCore.Tests.Status;

/// <summary>Publishing to a directory: static files a CDN can serve, written atomically, never outside the directory.</summary>
public sealed class StatusListPublishDirectoryTests : IDisposable
{
    private const string Uri = "https://issuer.example/statuslists/7";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "credentials-statuslists-" + Guid.NewGuid().ToString("N"));
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, "status-1");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        _key.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task RunningHost_WithPublishDirectory_WritesTheStoredTokenUnderTheLastPathSegment()
    {
        await using var bed = await StatusListHostBed.StartAsync([StatusListHostBed.ListUri(3)], o => o.PublishDirectory = _directory);
        var token = await bed.WaitForTokenAsync(StatusListHostBed.ListUri(3));
        var file = Path.Combine(_directory, "3");

        await StatusListHostBed.EventuallyAsync(() => Task.FromResult(File.Exists(file) && File.ReadAllText(file) == token), "the file");
        Assert.Equal(["3"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task PublishAsync_ReaderDuringManyPublications_NeverSeesAPartialFile()
    {
        var store = new InMemoryStatusListStore();
        await store.CreateListAsync(Uri, 8, 200_000);
        var issuer = new StatusListIssuer(store, new StatusListTokenIssuer(_key));
        var references = await issuer.AllocateManyAsync(Uri, 2_000);
        using var publisher = Publisher(store, o => o.PublishDirectory = _directory);
        var file = Path.Combine(_directory, "7");
        await publisher.PublishAsync(Uri);
        var verifier = new StatusListTokenVerifier(new StaticIssuerKeyResolver(_key.PublicJwk), new StatusListTokenVerifierOptions { TimeProvider = _clock });

        using var stop = new CancellationTokenSource();
        var reads = 0;
        var firstRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var text = await File.ReadAllTextAsync(file);
                Assert.True((await verifier.VerifyAsync(text, Uri)).IsValid, "A reader saw a partial or corrupt file.");
                Interlocked.Increment(ref reads);
                firstRead.TrySetResult();
            }
        });

        // The reader must be reading while the publications happen, however late the thread pool starts it.
        await firstRead.Task.WaitAsync(TimeSpan.FromSeconds(60));

        for (var i = 0; i < 60; i++)
        {
            await issuer.SetStatusAsync(references[i], new StatusValue((byte)(3 + (i % 5))));
            await publisher.PublishAsync(Uri);
        }

        await stop.CancelAsync();
        await reader;

        Assert.True(reads > 0);
        Assert.Equal(await store.GetPublishedTokenAsync(Uri), await File.ReadAllTextAsync(file));
        Assert.Equal(["7"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("/etc/passwd")]
    [InlineData("C:evil")]
    [InlineData("~user")]
    [InlineData("nul\0byte")]
    public void Options_FileNameThatCouldEscape_FailValidation(string name)
    {
        var services = Services(o =>
        {
            o.PublishDirectory = _directory;
            o.PublishFileName = _ => name;
        });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StatusListHostingOptions>>().Value);
    }

    [Fact]
    public void Options_TwoListsOnOneFileName_FailValidation()
    {
        var services = Services(o =>
        {
            o.Lists.Add("https://other.example/statuslists/7");
            o.PublishDirectory = _directory;
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StatusListHostingOptions>>().Value);
        Assert.Single(error.Failures);
    }

    [Theory]
    [InlineData("https://issuer.example/statuslists/..")]
    [InlineData("https://issuer.example/statuslists/%2E%2E")]
    [InlineData("https://issuer.example/statuslists/a%2Fb")]
    [InlineData("https://issuer.example/")]
    public void RequestPublish_UriWhoseDefaultFileNameIsUnsafe_Throws(string uri)
    {
        using var publisher = Publisher(new InMemoryStatusListStore(), o => o.PublishDirectory = _directory);

        Assert.Throws<ArgumentException>(() => publisher.RequestPublish(uri));
        Assert.False(Directory.Exists(_directory) && Directory.EnumerateFileSystemEntries(_directory).Any());
    }

    [Theory]
    [InlineData("7", true)]
    [InlineData("list-7.jwt", true)]
    [InlineData("..", false)]
    [InlineData("a/../b", false)]
    [InlineData("/abs", false)]
    [InlineData("\\\\server\\share", false)]
    public void IsSafeFileName_Names_AcceptsOnlyPlainFileNames(string name, bool safe)
        => Assert.Equal(safe, StatusListFiles.IsSafeFileName(name));

    [Fact]
    public void PathIn_SafeName_StaysInTheDirectory()
        => Assert.Equal(Path.Combine(Path.GetFullPath(_directory), "7"), StatusListFiles.PathIn(_directory, "7"));

    private ServiceProvider Services(Action<StatusListHostingOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStatusLists(o =>
        {
            o.Store = new InMemoryStatusListStore();
            o.Signer = _key;
            o.Lists.Add(Uri);
            configure(o);
        });
        return services.BuildServiceProvider();
    }

    private StatusListPublisher Publisher(IStatusListStore store, Action<StatusListHostingOptions> configure)
    {
        var options = new StatusListHostingOptions { Store = store, Signer = _key };
        configure(options);
        return new StatusListPublisher(Options.Create(options), new ServiceCollection().BuildServiceProvider(), _clock, NullLogger<StatusListPublisher>.Instance);
    }
}
