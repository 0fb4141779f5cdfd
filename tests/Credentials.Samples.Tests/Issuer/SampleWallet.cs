using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Keys;
using Credentials.Samples.Issuer;
using Credentials.SdJwtVc;
using Credentials.Trust;

namespace Credentials.Samples.Tests.Issuer;

/// <summary>A wallet that receives one credential from a served issuer, and resolvers that see what it verified.</summary>
internal static class SampleWallet
{
    /// <summary>Resolves issuer keys through the issuer's JWT VC Issuer Metadata (http on loopback allowed).</summary>
    public static JwtVcIssuerMetadataResolver MetadataResolver(HttpClient http, TimeProvider clock)
        => new(http, new JwtVcIssuerMetadataResolverOptions { Http = HttpFetchOptions.Default with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback }, TimeProvider = clock });

    /// <summary>Asks <paramref name="url"/> for an offer of <paramref name="type"/> and redeems it into a new wallet at <paramref name="walletPath"/>.</summary>
    public static async Task<VerificationResult<Wallet.OpenId4Vci.ReceivedCredential>> ReceiveAsync(HttpClient http, string url, string type, IIssuerKeyResolver resolver, string walletPath, TimeProvider clock)
    {
        var link = await ServedIssuer.OfferLinkAsync(http, url, type);
        var store = await Wallet.WalletStore.CreateAsync(walletPath, Wallet.WalletSecret.FromPassphrase("correct horse battery staple"), new Wallet.WalletOptions { KdfParameters = new Wallet.WalletKdfParameters { MemoryKiB = 64, Passes = 1 } });
        using var walletStore = store.Value;
        var verifier = new SdJwtVcVerifier(resolver, null, CredentialTypes.CreateMetadataRegistry(), options: new SdJwtVcVerifierOptions { TimeProvider = clock });
        var wallet = new Wallet.Holder.CredentialWallet(walletStore, verifier, new Wallet.Holder.CredentialWalletOptions { TimeProvider = clock, ImportStatus = StatusCheck.Skip, ImportTypeMetadata = TypeMetadataCheck.Required });
        var client = new Wallet.OpenId4Vci.OpenId4VciClient(http, new Wallet.OpenId4Vci.OpenId4VciClientOptions { Http = Wallet.OpenId4Vci.OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback }, TimeProvider = clock });
        var resolved = await client.ResolveOfferAsync(link);
        return await client.ReceiveAsync(resolved.Value, wallet);
    }

    /// <summary>Resolves through <paramref name="inner"/>, keeping the JWS <c>kid</c> of each credential it was asked about.</summary>
    public sealed class RecordingResolver(IIssuerKeyResolver inner) : IIssuerKeyResolver
    {
        private readonly ConcurrentQueue<string?> _keyIds = new();

        public IReadOnlyCollection<string?> KeyIds => [.. _keyIds];

        public ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default)
        {
            _keyIds.Enqueue(request.Jwt.KeyId);
            return inner.ResolveAsync(request, cancellationToken);
        }
    }
}
