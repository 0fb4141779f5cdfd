#!/usr/bin/env bash
# Fuzzes one target with AFL++ and SharpFuzz. Usage: bash tests/Fuzz/run.sh TARGET [SECONDS]
# TARGET: sdjwt, jws, did, dcql or status. Findings go to tests/Fuzz/findings/TARGET (not committed).
# Needs: afl++ (Debian package 'afl++'), and the SharpFuzz instrumenter, installed here on first use.
set -euo pipefail
target="${1:?usage: run.sh sdjwt|jws|did|dcql|status [seconds]}"
seconds="${2:-600}"
here="$(cd "$(dirname "$0")" && pwd)"
tools="$here/.tools"
build="$here/bin/fuzz"

command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing: sudo apt-get install afl++" >&2; exit 1; }
[ -x "$tools/sharpfuzz" ] || dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine --version 2.3.0 >/dev/null

# A Release build whose Credentials.dll is instrumented for coverage (the fuzz program itself is not).
rm -rf "$build"
dotnet publish "$here" -c Release -o "$build" -v quiet -nologo >/dev/null
"$tools/sharpfuzz" "$build/Credentials.dll" >/dev/null

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_BIN_CHECK=1
timeout "$seconds" afl-fuzz -i "$here/corpus/$target" -o "$here/findings/$target" -t 5000 -m none \
  -- dotnet "$build/Credentials.Fuzz.dll" "$target" || true
grep -E "run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs" "$here/findings/$target/default/fuzzer_stats" || true
