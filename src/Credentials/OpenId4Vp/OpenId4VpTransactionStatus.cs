namespace Credentials.OpenId4Vp;

/// <summary>Where a verifier transaction stands.</summary>
public enum OpenId4VpTransactionStatus
{
    /// <summary>Waiting for the wallet.</summary>
    Pending,

    /// <summary>The wallet answered and every check passed.</summary>
    Accepted,

    /// <summary>The wallet answered and the response was rejected (see <see cref="OpenId4VpTransactionResult.Error"/>).</summary>
    Rejected,

    /// <summary>The wallet sent an Authorization Error Response (for example <c>access_denied</c>).</summary>
    WalletError,
}
