using System;
using System.Collections.Generic;
using System.Linq;
using Credentials.Trust;

namespace Credentials.Samples.Web.Trust;

/// <summary>
/// Which issuers the app's verifiers trust: every <see cref="ISampleIssuer"/> registered (their keys live in the data
/// folder). Built when first used, once the app knows its own origin.
/// </summary>
public sealed class SampleTrust : IDisposable
{
    private readonly Lazy<TrustList> _list;

    /// <summary>Collects the registered issuers.</summary>
    /// <param name="issuers">The app's sample issuers.</param>
    public SampleTrust(IEnumerable<ISampleIssuer> issuers)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        var all = issuers.ToArray();
        _list = new Lazy<TrustList>(() => new TrustList(all.SelectMany(i => i.TrustedIdentifiers)));
    }

    /// <summary>The trust list: key resolver and issuer authorization for the verifiers.</summary>
    public TrustList List => _list.Value;

    /// <summary>The trusted issuers.</summary>
    public IEnumerable<TrustedIssuer> Issuers => List.Issuers;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_list.IsValueCreated)
        {
            _list.Value.Dispose();
        }
    }
}
