using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Credentials.Fuzz;
using Credentials.Testing;
using Xunit;

namespace Credentials.Tests.Fuzz;

/// <summary>
/// Replays the fuzzing corpus (<c>tests/Fuzz/corpus/TARGET</c>: the seeds from the conformance vectors, the inputs the
/// fuzzer found that reach new code, and any crash it ever found, kept as a regression) through the same entry points
/// the fuzzer drives: none may throw.
/// </summary>
public sealed class FuzzCorpusTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        var corpus = Path.Combine(RepositoryRoot.Path, "tests", "Fuzz", "corpus");
        foreach (var target in FuzzTargets.Names)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(corpus, target)).Order(StringComparer.Ordinal))
            {
                data.Add(target, Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Target_CorpusInput_DoesNotThrow(string target, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "tests", "Fuzz", "corpus", target, file));

        var exception = Record.Exception(() => FuzzTargets.Find(target)!(input));

        Assert.Null(exception);
    }

    [Fact]
    public void Corpus_EveryTarget_HasSeeds()
    {
        var corpus = Path.Combine(RepositoryRoot.Path, "tests", "Fuzz", "corpus");
        foreach (var target in FuzzTargets.Names)
        {
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(corpus, target)));
        }
    }

}
