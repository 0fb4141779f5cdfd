namespace Credentials.Samples.Issuer;

/// <summary>The issuer app's own error codes (the shared ones are in <see cref="CliErrors"/>).</summary>
public static class IssuerErrors
{
    /// <summary>--issuer names a DID that is not the DID of --key.</summary>
    public const string KeyMismatch = "issuer.key_mismatch";

    /// <summary>The command needs a private JWK file, and --key names a key inside a PKCS#11 token.</summary>
    public const string KeyFileRequired = "issuer.key_file_required";

    /// <summary>No status list with that URI in the database.</summary>
    public const string UnknownStatusList = "issuer.status_list_unknown";

    /// <summary>The index was never allocated in that status list.</summary>
    public const string UnknownStatusIndex = "issuer.status_index_unknown";

    /// <summary>The status change is not allowed (revocation is final).</summary>
    public const string StatusChangeRefused = "issuer.status_change_refused";

    /// <summary><c>issue --sd</c>: a path that names no claim of the claims file (nothing was issued).</summary>
    public const string SdClaimNotFound = "issuer.sd_claim_not_found";

    /// <summary>The status list has no free index left.</summary>
    public const string StatusListFull = "issuer.status_list_full";

    /// <summary>A batch input line is not valid.</summary>
    public const string InvalidBatchLine = "issuer.invalid_batch_line";

    /// <summary><c>serve</c>: another process already listens on the <c>--urls</c> address.</summary>
    public const string AddressInUse = "issuer.address_in_use";

    /// <summary><c>serve</c>: the server could not listen on the <c>--urls</c> address for another reason.</summary>
    public const string ListenFailed = "issuer.listen_failed";

    /// <summary><c>sign</c>: the credential's issuer is not the DID of the signing key (or of --verification-method).</summary>
    public const string CredentialIssuerMismatch = "issuer.credential_issuer_mismatch";

    /// <summary><c>sign</c>: the key does not fit the suite (Ed25519 for eddsa-*, P-256/P-384 for ecdsa-*).</summary>
    public const string KeySuiteMismatch = "issuer.key_suite_mismatch";

    /// <summary><c>sign</c>: the input already has a proof.</summary>
    public const string AlreadySecured = "issuer.already_secured";

    /// <summary><c>sign</c>: the library could not secure the credential (for example a term no context defines, for RDFC).</summary>
    public const string CannotSecure = "issuer.cannot_secure";

    /// <summary><c>issue --format ob3-*</c>: the type is not an award (only ipa-exam and dss-skill are Open Badges).</summary>
    public const string NotABadgeType = "issuer.not_a_badge_type";

    /// <summary>The status list URI names a list of the other kind (a Token Status List for a badge, or a Bitstring Status List for an SD-JWT VC).</summary>
    public const string StatusListKindMismatch = "issuer.status_list_kind_mismatch";

    /// <summary><c>bake</c>: the credential file is neither the JSON of a credential nor a compact JWS.</summary>
    public const string NotABadge = "issuer.not_a_badge";

    /// <summary><c>--postgres</c>: the PostgreSQL database could not be reached, signed in to, or prepared (its tables created).</summary>
    public const string DatabaseUnavailable = "issuer.database_unavailable";

    /// <summary><c>keys create --ca-cert</c>: the certificate is not a CA certificate (basicConstraints cA, keyCertSign) with a P-256 or P-384 key.</summary>
    public const string NotACa = "issuer.not_a_ca";

    /// <summary><c>keys create --ca-key</c>: the key is not the key of the <c>--ca-cert</c> certificate.</summary>
    public const string CaKeyMismatch = "issuer.ca_key_mismatch";

    /// <summary><c>keys create --ca-cert</c>: the issuer certificate would not build through the chain to its last certificate (an expired certificate, a path length constraint broken, a certificate missing).</summary>
    public const string CaChainInvalid = "issuer.ca_chain_invalid";
}
