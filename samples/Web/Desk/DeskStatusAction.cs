namespace Credentials.Samples.Web.Desk;

/// <summary>A change of an issued certificate's status.</summary>
public enum DeskStatusAction
{
    /// <summary>Revoke (INVALID): final.</summary>
    Revoke,

    /// <summary>Suspend (SUSPENDED).</summary>
    Suspend,

    /// <summary>Lift a suspension (back to VALID).</summary>
    Reinstate,
}
