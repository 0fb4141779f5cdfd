namespace Credentials.Keys.Rotation;

/// <summary>Where a key of an <see cref="IssuerKeySet"/> stands at an instant.</summary>
public enum IssuerKeyState
{
    /// <summary>Published, not yet signing: its activation is in the future, so verifiers' caches can take it in first.</summary>
    Next,

    /// <summary>The one key that signs now.</summary>
    Active,

    /// <summary>No longer signing, still published so that what it signed keeps verifying until its retain-until.</summary>
    Retired,

    /// <summary>Past its retain-until: no longer published; what it signed no longer verifies through the published keys.</summary>
    Gone,
}
