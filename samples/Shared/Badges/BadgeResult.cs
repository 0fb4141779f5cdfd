namespace Credentials.Samples.Badges;

/// <summary>One result of an award as a verifier reads it: what was assessed and the outcome.</summary>
/// <param name="Name">What was assessed (<c>テクノロジー：ソフトウェア設計手法</c>, <c>合否</c>).</param>
/// <param name="Value">The outcome (<c>3</c>, <c>合格</c>).</param>
public sealed record BadgeResult(string Name, string Value);
