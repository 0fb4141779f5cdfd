namespace Credentials.W3c.BitstringStatus;

/// <summary>One element of a <c>statusMessage</c> array (section 2.1): a status value and the message it stands for.</summary>
/// <param name="Status">The status value (written as <c>0x</c> followed by hexadecimal digits).</param>
/// <param name="Message">
/// The message, meant for developers (the specification says it should not be shown to end users); <c>undefined</c>
/// marks a value with no meaning yet.
/// </param>
public sealed record BitstringStatusMessage(int Status, string Message);
