#!/usr/bin/env bash
# Builds the libFuzzer harnesses under Fuzz/ (in their own scratch folder, .build-fuzz) and
# runs one: scripts/fuzz.sh TARGET [SECONDS] [libFuzzer flags…]
#   TARGET   FuzzPolicy | FuzzCases | FuzzLines | FuzzEval | build (only build them all)
#   SECONDS  how long to fuzz (default 60); 0 runs until stopped
# The corpus grows in .build-fuzz/corpus/TARGET (seeded from Fuzz/Corpus/TARGET); a crash is
# written to .build-fuzz/crashes/ and the script exits non-zero. Every crash found becomes a
# regression test (Tests/…/FuzzRegressionTests.swift) and its input goes to Fuzz/Corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
target="${1:?usage: scripts/fuzz.sh FuzzPolicy|FuzzCases|FuzzLines|FuzzEval|build [SECONDS] [libFuzzer flags]}"
seconds="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))
scratch="$root/.build-fuzz"

# The harnesses carry the sample policy's text: keep it the committed file's.
mkdir -p "$scratch"
sample="Fuzz/Sources/FuzzSupport/SamplePolicy.swift"
{
    echo '// Generated from policies/acme-field-service.yaml by scripts/fuzz.sh; do not edit.'
    echo 'enum SamplePolicy {'
    echo '    static let text = #"""'
    cat policies/acme-field-service.yaml
    echo '"""#'
    echo '}'
} > "$scratch/SamplePolicy.swift"
cmp -s "$scratch/SamplePolicy.swift" "$sample" || cp "$scratch/SamplePolicy.swift" "$sample"

# An incremental build after a change of the library's types once linked a harness against
# a stale layout (ASan reported a stack-buffer-overflow in the caller's frame that a clean
# build does not have): when the sources changed since the last build, build from clean
# (the corpus and crashes stay).
stamp="$(find Sources Fuzz/Sources Package.swift Fuzz/Package.swift -type f \( -name '*.swift' -o -name '*.h' -o -name '*.c' \) -print0 | sort -z | xargs -0 cat | cksum)"
if [ -f "$scratch/sources.cksum" ] && [ "$(cat "$scratch/sources.cksum")" != "$stamp" ]; then
    echo "fuzz.sh: the sources changed since the last build: building from clean" >&2
    find "$scratch" -mindepth 1 -maxdepth 1 ! -name corpus ! -name crashes ! -name checkouts ! -name repositories \
        ! -name SamplePolicy.swift -exec rm -rf {} +
fi

# What is known to work with SwiftPM on this toolchain (issue 16): the harness's
# @_cdecl("<Target>_main") becomes main (SwiftPM links executables with
# --defsym main=<Target>_main) and calls LLVMFuzzerRunDriver.
swift build --package-path Fuzz --scratch-path "$scratch" -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
    -Xcc -fsanitize=fuzzer-no-link,address >&2
echo "$stamp" > "$scratch/sources.cksum"
[ "$target" = build ] && exit 0

binary="$scratch/release/$target"
[ -x "$binary" ] || { echo "fuzz.sh: no target \`$target\` (FuzzPolicy, FuzzCases, FuzzLines, FuzzEval)" >&2; exit 2; }
corpus="$scratch/corpus/$target"
crashes="$scratch/crashes"
mkdir -p "$corpus" "$crashes"
# Swift's backtracer hangs under ASan: libFuzzer reports the crash instead.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:handle_abort=1}"
flags=(-dict=Fuzz/leeway.dict -max_len=8192 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$crashes/$target-" -print_final_stats=1)
[ "$seconds" != 0 ] && flags+=(-max_total_time="$seconds")
exec "$binary" "${flags[@]}" "$@" "$corpus" "Fuzz/Corpus/$target"
