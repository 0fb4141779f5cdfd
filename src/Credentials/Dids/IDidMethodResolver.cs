namespace Credentials.Dids;

/// <summary>A resolver for one DID method, which <see cref="DidResolver"/> picks by <see cref="Method"/>.</summary>
public interface IDidMethodResolver : IDidResolver
{
    /// <summary>The method name this resolver handles, for example <c>key</c>.</summary>
    string Method { get; }
}
