using Credentials.SdJwtVc.TypeMetadata;

namespace Credentials.Wallet.Holder.Internal;

/// <summary>What the planner knows about one candidate credential.</summary>
internal sealed record CandidateInfo(CredentialSummary Summary, HolderView View, ResolvedTypeMetadata? Metadata, string Name);
