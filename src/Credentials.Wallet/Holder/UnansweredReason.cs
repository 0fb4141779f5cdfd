namespace Credentials.Wallet.Holder;

/// <summary>Why the wallet cannot answer a Credential Query. The wallet never derives or substitutes a claim.</summary>
public enum UnansweredReason
{
    /// <summary>The wallet holds no credential of the requested format and type.</summary>
    NoCredentialOfType,

    /// <summary>Credentials of the type exist but a requested claim is missing (see <see cref="UnansweredQuery.MissingClaims"/>).</summary>
    ClaimMissing,

    /// <summary>The requested claims exist but none has one of the requested <c>values</c>.</summary>
    ValueMismatch,

    /// <summary>
    /// The query asks for an age statement (for example <c>age_over_20</c> or <c>["age_equal_or_over","20"]</c>) that no
    /// credential carries, while a credential holds related facts (a birth date, the age in years, or other age
    /// thresholds; see <see cref="UnansweredQuery.HeldInstead"/>). Answering would mean disclosing more than was asked;
    /// the wallet does not, and lets the app decide (for example ask the issuer for an age credential).
    /// </summary>
    CannotAnswerWithoutDisclosingMore,

    /// <summary>The query requires Cryptographic Holder Binding and the credentials of the type have none.</summary>
    HolderBindingUnsupported,

    /// <summary>No credential of the type comes from one of the query's <c>trusted_authorities</c>.</summary>
    UntrustedAuthority,

    /// <summary>The only credentials of the type have expired.</summary>
    Expired,

    /// <summary>The only credentials of the type are batches with no unused copy left.</summary>
    BatchExhausted,

    /// <summary>The query's format is one the wallet cannot present.</summary>
    UnsupportedFormat,
}
