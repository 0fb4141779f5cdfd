using Xunit;

namespace Credentials.Samples.Tests;

/// <summary>
/// Tests that swap the process-wide <see cref="System.Console.Out"/> run alone: a test running beside them could
/// write into the captured output (or lose its own).
/// </summary>
[CollectionDefinition("Console output", DisableParallelization = true)]
public sealed class SerialConsoleOutputTests
{
}
