namespace Credentials.Wallet;

/// <summary>
/// Error codes of the wallet store. The wallet file is untrusted input: whatever it contains is reported with one of these
/// codes, never with an unhandled exception. Every code is listed in <c>specs/errors.md</c>.
/// </summary>
public static class WalletErrors
{
    /// <summary><c>wallet.wrong_passphrase</c>: the passphrase does not unwrap the wallet's data key (or the header was altered).</summary>
    public static readonly ErrorCode WrongPassphrase = new("wallet.wrong_passphrase", VerificationFailureKind.InvalidSignature);

    /// <summary><c>wallet.wrong_key</c>: the app-supplied key does not unwrap the wallet's data key (or the header was altered).</summary>
    public static readonly ErrorCode WrongKey = new("wallet.wrong_key", VerificationFailureKind.InvalidSignature);

    /// <summary><c>wallet.protection_mismatch</c>: a passphrase was given for a wallet protected by an app key, or the reverse.</summary>
    public static readonly ErrorCode ProtectionMismatch = new("wallet.protection_mismatch", VerificationFailureKind.PolicyViolation);

    /// <summary><c>wallet.file_not_found</c>: there is no wallet file at the path (use <c>CreateAsync</c> or <c>OpenOrCreateAsync</c>).</summary>
    public static readonly ErrorCode FileNotFound = new("wallet.file_not_found", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>wallet.already_exists</c>: <c>CreateAsync</c> was asked to create a wallet where a file already exists.</summary>
    public static readonly ErrorCode AlreadyExists = new("wallet.already_exists", VerificationFailureKind.PolicyViolation);

    /// <summary><c>wallet.not_found</c>: no credential (or disclosure log entry) has this id.</summary>
    public static readonly ErrorCode NotFound = new("wallet.not_found", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>wallet.key_not_found</c>: no holder key has this id or thumbprint.</summary>
    public static readonly ErrorCode KeyNotFound = new("wallet.key_not_found", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>wallet.key_in_use</c>: the holder key is still bound to a stored credential and cannot be deleted.</summary>
    public static readonly ErrorCode KeyInUse = new("wallet.key_in_use", VerificationFailureKind.PolicyViolation);

    /// <summary><c>wallet.duplicate_key</c>: a holder key with the same public key (JWK thumbprint) is already stored.</summary>
    public static readonly ErrorCode DuplicateKey = new("wallet.duplicate_key", VerificationFailureKind.PolicyViolation);

    /// <summary><c>wallet.duplicate_credential</c>: exactly this credential (byte for byte) is already stored, or was stored and used.</summary>
    public static readonly ErrorCode DuplicateCredential = new("wallet.duplicate_credential", VerificationFailureKind.PolicyViolation);

    /// <summary><c>wallet.batch_exhausted</c>: every copy of a single-use credential has been used.</summary>
    public static readonly ErrorCode BatchExhausted = new("wallet.batch_exhausted", VerificationFailureKind.PolicyViolation);

    /// <summary><c>wallet.not_single_use</c>: copies can only be added to a credential imported as single-use (a batch).</summary>
    public static readonly ErrorCode NotSingleUse = new("wallet.not_single_use", VerificationFailureKind.PolicyViolation);

    /// <summary><c>wallet.too_large</c>: a credential, its display metadata or a batch exceeds the limits in <see cref="WalletOptions"/>.</summary>
    public static readonly ErrorCode TooLarge = new("wallet.too_large", VerificationFailureKind.PolicyViolation);

    /// <summary><c>wallet.corrupt</c>: the file is not a wallet, a table is missing or malformed, or a record failed authentication (altered, swapped between rows or columns).</summary>
    public static readonly ErrorCode Corrupt = new("wallet.corrupt", VerificationFailureKind.Malformed);

    /// <summary><c>wallet.unsupported_version</c>: the file was written by a newer release (schema or record format this release does not know).</summary>
    public static readonly ErrorCode UnsupportedVersion = new("wallet.unsupported_version", VerificationFailureKind.Malformed);

    /// <summary><c>wallet.kdf_limits_exceeded</c>: the file asks for Argon2id parameters beyond the limits in <see cref="WalletOptions"/> (a denial-of-service guard).</summary>
    public static readonly ErrorCode KdfLimitsExceeded = new("wallet.kdf_limits_exceeded", VerificationFailureKind.PolicyViolation);

    /// <summary><c>wallet.busy</c>: another process held the database lock for longer than <see cref="WalletOptions.BusyTimeout"/>.</summary>
    public static readonly ErrorCode Busy = new("wallet.busy", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>wallet.io_error</c>: the file could not be opened, read or written (permissions, read-only media, an I/O error).</summary>
    public static readonly ErrorCode IoError = new("wallet.io_error", VerificationFailureKind.ResolutionFailed);

    /// <summary><c>wallet.disk_full</c>: the disk (or quota) is full, so the wallet file could not grow; the write was rolled back and nothing changed.</summary>
    public static readonly ErrorCode DiskFull = new("wallet.disk_full", VerificationFailureKind.ResolutionFailed);
}
