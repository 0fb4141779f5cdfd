using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Credentials.AspNetCore.Hosting;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Credentials.SdJwt;
using Microsoft.Extensions.Configuration;

namespace Credentials.AspNetCore.Tests.Hosting;

/// <summary>What the registration tests share: configuration from JSON, a valid issuer, a free loopback port, a store that reports its purges.</summary>
internal static class RegistrationFixtures
{
    public const string AgeVct = "https://credentials.example.jp/vct/age/v1";

    /// <summary>An in-memory configuration read from JSON, as from an <c>appsettings.json</c>.</summary>
    public static IConfigurationRoot Json(string json)
        => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    /// <summary>Completes issuer settings with what configuration cannot hold.</summary>
    public static void CompleteIssuer(OpenId4VciIssuerSettings settings, ISigner signer)
    {
        settings.Signer = signer;
        settings.ResolveDataset ??= (_, _) => ValueTask.FromResult<CredentialDataset?>(new CredentialDataset { Claims = SdJwtPayload.Create().Claim("age_over_20", true) });
    }

    /// <summary>Valid settings for an issuer at <paramref name="issuerId"/> offering one age credential.</summary>
    public static Action<OpenId4VciIssuerSettings> Issuer(string issuerId, ISigner signer, string configurationId = "age_sd_jwt") => settings =>
    {
        settings.CredentialIssuer = issuerId;
        settings.AllowHttp = true;
        settings.CredentialConfigurations.Add(new IssuerCredentialConfiguration { Id = configurationId, Vct = AgeVct });
        CompleteIssuer(settings, signer);
    };
}

/// <summary>A protocol state store in memory that reports every <see cref="RemoveExpiredAsync"/> with the time it was given.</summary>
internal sealed class PurgeRecordingStore : IProtocolStateStore
{
    private readonly InMemoryProtocolStateStore _inner = new();

    public Channel<DateTimeOffset> Purges { get; } = Channel.CreateUnbounded<DateTimeOffset>();

    public ValueTask<bool> TryAddAsync(string kind, string key, string value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => _inner.TryAddAsync(kind, key, value, expiresAt, cancellationToken);

    public ValueTask<string?> TryConsumeAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default) => _inner.TryConsumeAsync(kind, key, now, cancellationToken);

    public ValueTask<string?> TryGetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default) => _inner.TryGetAsync(kind, key, now, cancellationToken);

    public ValueTask<bool> TryUpdateAsync(string kind, string key, string expected, string value, DateTimeOffset now, CancellationToken cancellationToken = default) => _inner.TryUpdateAsync(kind, key, expected, value, now, cancellationToken);

    public async ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var removed = await _inner.RemoveExpiredAsync(now, cancellationToken);
        Purges.Writer.TryWrite(now);
        return removed;
    }

    /// <summary>The time given to the next purge, or a failure after 20 seconds.</summary>
    public async Task<DateTimeOffset> NextPurgeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await Purges.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The purges made so far and not yet read.</summary>
    public IReadOnlyList<DateTimeOffset> Drain()
    {
        var list = new List<DateTimeOffset>();
        while (Purges.Reader.TryRead(out var now))
        {
            list.Add(now);
        }

        return list;
    }
}
