namespace Credentials.W3c.Rdfc;

/// <summary>
/// Error codes for RDF Dataset Canonicalization (RDFC-1.0) and the N-Quads reader it is tested with. Every code is
/// listed in <c>specs/errors.md</c>; codes never change once released.
/// </summary>
public static class RdfcErrors
{
    /// <summary>
    /// <c>rdfc.work_limit_exceeded</c>: canonicalizing the dataset needs more Hash N-Degree Quads work than the limit
    /// allows, or its recursion would exhaust the stack (RDFC-1.0 section 4.4.3; section 7.1, "Dataset Poisoning"): a
    /// graph built to make canonicalization exponential.
    /// </summary>
    public static readonly ErrorCode WorkLimitExceeded = new("rdfc.work_limit_exceeded", VerificationFailureKind.PolicyViolation);

    /// <summary>
    /// <c>rdfc.invalid_dataset</c>: a quad has a term of a kind its position does not allow (a literal subject, a blank
    /// node predicate, a default graph outside the graph position), or a term that cannot be written in canonical
    /// N-Quads without changing its meaning (an IRI with a space, <c>&gt;</c> or an unpaired surrogate, a malformed
    /// language tag).
    /// </summary>
    public static readonly ErrorCode InvalidDataset = new("rdfc.invalid_dataset", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>rdfc.too_large</c>: the dataset has more quads than the canonicalization options allow.
    /// </summary>
    public static readonly ErrorCode TooLarge = new("rdfc.too_large", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>rdfc.invalid_nquads</c>: the text is not a valid N-Quads 1.1 document (syntax, escapes, relative IRIs,
    /// unpaired surrogates).
    /// </summary>
    public static readonly ErrorCode InvalidNQuads = new("rdfc.invalid_nquads", VerificationFailureKind.Malformed);
}
