# make install [PREFIX=/usr/local]: a release `leeway` built with --static-swift-stdlib,
# its man page and shell completions (see scripts/install.sh).
PREFIX ?= /usr/local

.PHONY: build test install uninstall

build:
	swift build -c release --static-swift-stdlib --product leeway

test:
	swift build --build-tests
	swift test

install:
	PREFIX="$(PREFIX)" scripts/install.sh

uninstall:
	rm -f "$(PREFIX)/bin/leeway" "$(PREFIX)/share/man/man1/leeway.1" \
	    "$(PREFIX)/share/bash-completion/completions/leeway" "$(PREFIX)/share/zsh/site-functions/_leeway" \
	    "$(PREFIX)/share/fish/vendor_completions.d/leeway.fish"
