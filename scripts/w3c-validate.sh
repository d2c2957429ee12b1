#!/usr/bin/env bash
# Builds the sample site and every fixture site that builds, then runs the
# W3C Feed Validation Service's own code on each feed file.
#
#   scripts/w3c-validate.sh PATH/TO/feedvalidator
#
# The validator's source (github.com/w3c/feedvalidator) is not part of this
# repository; check it out anywhere and install its Python dependencies:
#   pip install lxml html5lib rdflib
# Exit status 1 when any feed gets an error or a warning other than the two
# notices SPEC.md expects (a local copy's self link; equal atom:updated),
# or a notice other than "Did not validate namespace" for Podcasting 2.0,
# which the validator knows but does not check.
set -euo pipefail
validator="${1:?usage: $0 PATH/TO/feedvalidator}"
demo="$validator/src/demo.py"
[ -f "$demo" ] || { echo "no $demo" >&2; exit 2; }
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/feedwright"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

configs=(feed.toml)
while IFS= read -r config; do configs+=("$config"); done < <(
    find tests/fixtures -name feed.toml -not -path '*/invalid/*' 2>/dev/null | sort)
[ -d examples ] && while IFS= read -r config; do configs+=("$config"); done < <(
    find examples -name feed.toml | sort)

failed=0
checked=0
for config in "${configs[@]}"; do
    name="$(echo "$config" | tr '/' '_')"
    out="$work/$name.out"
    # Each site is built from a copy, so that its feedwright.lock is not
    # written into the repository's fixtures.
    site="$work/$name.site"
    mkdir -p "$site"
    cp -R "$(dirname "$config")/." "$site/"
    rm -f "$site/feedwright.lock"
    if ! SOURCE_DATE_EPOCH=1790000000 "$bin" --quiet --config "$site/feed.toml" --out "$out" build 2>/dev/null; then
        echo "-- $config: does not build (an invalid-input fixture), skipped"
        continue
    fi
    for feed in "$out"/*.xml; do
        checked=$((checked + 1))
        report="$(python3 "$demo" "$feed" 2>&1 || true)"
        problems="$(echo "$report" | grep -E '^line [0-9]+' \
            | grep -v -e "Self reference doesn't match document location" \
                      -e "Two entries with the same value for atom:updated" \
                      -e "Did not validate namespace: https://podcastindex.org/namespace/1.0" || true)"
        if [ -n "$problems" ]; then
            failed=1
            echo "FAIL $config $(basename "$feed")"
            echo "$problems" | sed 's/^/    /'
        else
            echo "ok   $config $(basename "$feed")"
        fi
    done
done
echo "$checked feed files checked"
exit "$failed"
