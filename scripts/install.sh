#!/usr/bin/env bash
# Installs Leeway from this checkout: a release `leeway` with the Swift runtime linked in
# (`--static-swift-stdlib`, so it runs where no Swift toolchain is installed and starts
# fast), its man page (argument-parser's `generate-manual` plugin) and shell completions
# for bash, zsh and fish.
#
#   scripts/install.sh [--prefix DIR] [--dry-run]      (or: make install PREFIX=DIR)
#
# DIR defaults to $PREFIX, else /usr/local. Files written:
#   DIR/bin/leeway
#   DIR/share/man/man1/leeway.1
#   DIR/share/bash-completion/completions/leeway
#   DIR/share/zsh/site-functions/_leeway
#   DIR/share/fish/vendor_completions.d/leeway.fish
# `--dry-run` prints the commands without running them.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="${PREFIX:-/usr/local}"
dry_run=0
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        --dry-run) dry_run=1; shift ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option \`$1\` (try --help)" >&2; exit 2 ;;
    esac
done

run() {
    echo "+ $*" >&2
    if [ "$dry_run" = 0 ]; then "$@"; fi
}

# The man page first: the plugin builds the package in release mode itself (without the
# static runtime); the static build after it relinks `leeway`.
run swift package plugin generate-manual
manual=".build/plugins/GenerateManual/outputs/leeway/leeway.1"
run swift build -c release --static-swift-stdlib --product leeway
binary=".build/release/leeway"

run install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
    "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
run install -m 0755 "$binary" "$prefix/bin/leeway"
run install -m 0644 "$manual" "$prefix/share/man/man1/leeway.1"
completion() {
    echo "+ leeway --generate-completion-script $1 > $2" >&2
    if [ "$dry_run" = 0 ]; then "$binary" --generate-completion-script "$1" > "$2"; fi
}
completion bash "$prefix/share/bash-completion/completions/leeway"
completion zsh "$prefix/share/zsh/site-functions/_leeway"
completion fish "$prefix/share/fish/vendor_completions.d/leeway.fish"
echo "installed leeway $("$binary" --version 2>/dev/null || echo '(not built: --dry-run)') in $prefix" >&2
