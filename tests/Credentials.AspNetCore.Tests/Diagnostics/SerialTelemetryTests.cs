using Xunit;

namespace Credentials.AspNetCore.Tests.Diagnostics;

/// <summary>Activity and meter listeners are process-wide: these tests run alone so that no other test's work is captured.</summary>
[CollectionDefinition(nameof(SerialTelemetryTests), DisableParallelization = true)]
public sealed class SerialTelemetryTests;
