using System;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.W3c.BitstringStatus;
using Credentials.W3c.DataIntegrity;

namespace Credentials.Samples.Issuer;

/// <summary>
/// Data Integrity proofs for badges and their Bitstring Status List credentials: eddsa-rdfc-2022 with an Ed25519 key,
/// ecdsa-rdfc-2019 with a P-256 or P-384 key, always by a DID verification method (the key's did:key by default).
/// </summary>
internal static class BadgeSigning
{
    /// <summary>The cryptosuite for <paramref name="key"/>; throws <see cref="IssuerErrors.KeySuiteMismatch"/> for another key.</summary>
    public static Cryptosuite SuiteFor(SigningKey key, string keyPath)
    {
        var algorithm = key.Algorithm;
        if ((algorithm == JwsAlgorithm.EdDsa || algorithm == JwsAlgorithm.Ed25519) && key.PublicJwk.Crv == JwkCurves.Ed25519)
        {
            return Cryptosuite.EddsaRdfc2022;
        }

        if (algorithm == JwsAlgorithm.Es256 || algorithm == JwsAlgorithm.Es384)
        {
            return Cryptosuite.EcdsaRdfc2019;
        }

        throw new CliException(new CliError(
            IssuerErrors.KeySuiteMismatch,
            $"A badge's Data Integrity proof needs an Ed25519 key (eddsa-rdfc-2022) or a P-256/P-384 key (ecdsa-rdfc-2019), and the key in '{keyPath}' is {algorithm.Name}; nothing was issued.",
            "Create a key that fits: issuer keys create --alg EdDSA --out FILE.",
            ExitCodes.Usage));
    }

    /// <summary>Adds a Data Integrity proof (assertionMethod) made by <paramref name="verificationMethod"/>.</summary>
    public static async Task<JsonObject> SignAsync(JsonObject document, SigningKey key, string verificationMethod, Cryptosuite suite, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        try
        {
            var issuer = new DataIntegrityIssuer(key, verificationMethod, new DataIntegrityIssuerOptions { TimeProvider = timeProvider });
            return await issuer.AddProofAsync(document, new DataIntegrityProofOptions { Cryptosuite = suite }, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(new CliError(IssuerErrors.CannotSecure, $"The badge cannot be secured with {suite.Name}: {CliErrors.Reason(ex)}", "Check the claims file (every value a string where the type expects one)."), ex);
        }
    }

    /// <summary>
    /// The signed <c>BitstringStatusListCredential</c> of <paramref name="list"/> with the current statuses, issued by
    /// the did:key of <paramref name="key"/> (the badges' issuer when they are issued without <c>--issuer</c>).
    /// </summary>
    public static async Task<JsonObject> PublishBitstringAsync(StatusListDatabase lists, Uri list, SigningKey key, string keyPath, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var suite = SuiteFor(key, keyPath);
        var did = DidKey.Create(key.PublicJwk);

        // Bitstring Status List section 2.2: the list credential is a VC of its own; a short ttl keeps revocations visible.
        var unsigned = await lists.Bitstrings.CreateStatusListCredentialAsync(list, did.ToString(), BitstringStatusPurposes.Revocation, timeToLive: TimeSpan.FromMinutes(5), cancellationToken: cancellationToken).ConfigureAwait(false);
        return await SignAsync(unsigned, key, DidKey.GetKeyId(did).ToString(), suite, timeProvider, cancellationToken).ConfigureAwait(false);
    }
}
