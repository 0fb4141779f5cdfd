using System;
using System.Collections.Concurrent;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.Wallet.Holder.Internal;

namespace Credentials.Wallet.Holder;

/// <summary>
/// The holder's wallet as a service on top of a <see cref="WalletStore"/>: imports SD-JWT VCs after verifying them and
/// checking they are bound to one of the wallet's keys, lists them in the user's language, answers DCQL queries with a
/// <see cref="PresentationPlan"/> for the user to consent to, and presents exactly what was approved with a fresh
/// Key Binding JWT, recording every presentation in the disclosure log.
/// </summary>
/// <remarks>
/// <para>Flow: <see cref="ImportAsync"/> / <see cref="ImportBatchAsync"/> → <see cref="ListAsync"/> /
/// <see cref="GetDetailsAsync"/> → <see cref="PrepareAsync"/> (nothing leaves the wallet) → the app shows the plan →
/// <see cref="RespondAsync"/> with the user's <see cref="PresentationConsent"/>. Without a DCQL request (a presentation
/// written to a file), <see cref="PresentAsync"/> presents chosen claims of one credential with the same copy, key
/// binding and logging rules.</para>
/// <para>Privacy rules (specs/wallet.md, "Holder service"): only the requested claims are disclosed (plus what SD-JWT makes
/// unavoidable, which the plan lists); nothing is derived or substituted; a denial creates nothing; single-use copies are
/// used once; <c>aud</c> and <c>nonce</c> come only from the request and an (<c>aud</c>, <c>nonce</c>) pair is answered
/// once per instance; answering a query never contacts the issuer.</para>
/// <para>Bad credentials and wallet problems are results with codes, never exceptions; exceptions are programmer errors.
/// Thread-safe when the store is.</para>
/// </remarks>
public sealed partial class CredentialWallet
{
    private readonly WalletStore _store;
    private readonly SdJwtVcVerifier _verifier;
    private readonly CredentialWalletOptions _options;
    private readonly SdJwtHolder _holder;
    private readonly DcqlMatcher _matcher;
    private readonly ConcurrentDictionary<(string Audience, string Nonce), bool> _answeredNonces = new();

    /// <summary>Creates the holder service.</summary>
    /// <param name="store">The open wallet store (the caller keeps ownership and disposes it).</param>
    /// <param name="verifier">
    /// Verifies credentials on import: its issuer key resolver is the wallet's issuer trust, its status list and type
    /// metadata resolvers are used per <see cref="CredentialWalletOptions.ImportStatus"/> and
    /// <see cref="CredentialWalletOptions.ImportTypeMetadata"/>.
    /// </param>
    /// <param name="options">Options; defaults when omitted.</param>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    public CredentialWallet(WalletStore store, SdJwtVcVerifier verifier, CredentialWalletOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(verifier);
        _options = options ?? new CredentialWalletOptions();
        _options.Validate();
        _store = store;
        _verifier = verifier;
        _holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = _options.TimeProvider, Limits = _options.Limits });
        _matcher = new DcqlMatcher(_options.Matching);
    }

    /// <summary>The store underneath (holder keys, deletion, the disclosure log).</summary>
    public WalletStore Store => _store;

    /// <summary>The user's default language.</summary>
    public string Locale => _options.Locale;

    private static string Label(ResolvedTypeMetadata? metadata, ClaimPath path, string locale)
        => metadata?.GetClaimLabel(path, locale) ?? ClaimTree.Readable(path);

    private static string NameOf(CredentialSummary summary, ResolvedTypeMetadata? metadata, string locale)
        => metadata?.GetName(locale) ?? summary.DisplayName ?? summary.Vct ?? (summary.Types.IsDefaultOrEmpty ? summary.Format : summary.Types[^1]);

    private bool IsRunningLow(int? remaining) => remaining is { } r && r <= _options.RunningLowThreshold;
}
