#!/usr/bin/env bash
# The shell steps of action.yml, kept here so they can be run and tested
# outside GitHub (tests/action.rs does, with the GITHUB_* variables set).
#
#   action.sh install   put feedwright on the PATH of later steps
#   action.sh run       run one command, write the job summary and outputs
#
# Inputs come as INPUT_* variables (action.yml passes them). Variables a
# runner sets and this script uses: GITHUB_ENV, GITHUB_PATH, GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH, RUNNER_TEMP, RUNNER_OS,
# RUNNER_ARCH. FEEDWRIGHT_BIN, when set to an executable, is used as is and
# nothing is downloaded or built (how the test points it at its own build);
# FEEDWRIGHT_RELEASES replaces https://github.com/OWNER/REPO/releases (how
# the test serves a release from a local server).
set -euo pipefail

action_dir="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"

die() {
    echo "::error title=feedwright action::$1" >&2
    exit 2
}

# The release asset for this runner: the names .github/workflows/release.yml
# gives them.
target_triple() {
    local os="${RUNNER_OS:-$(uname -s)}" arch="${RUNNER_ARCH:-$(uname -m)}"
    case "$os/$arch" in
        Linux/X64 | Linux/x86_64) echo x86_64-unknown-linux-musl ;;
        Linux/ARM64 | Linux/aarch64) echo aarch64-unknown-linux-musl ;;
        macOS/ARM64 | Darwin/arm64) echo aarch64-apple-darwin ;;
        macOS/X64 | Darwin/x86_64) echo x86_64-apple-darwin ;;
        Windows/X64) echo x86_64-pc-windows-msvc ;;
        *) echo "" ;;
    esac
}

sha256_of() {
    if command -v sha256sum >/dev/null; then
        sha256sum "$1" | cut -d' ' -f1
    else
        shasum -a 256 "$1" | cut -d' ' -f1
    fi
}

# Downloads and checks the release binary into $1; fails quietly (status 1)
# when there is no release for this runner, so the caller can build instead.
download() {
    local dest="$1" repo="${FEEDWRIGHT_REPOSITORY:-}" version="$2" target archive url base releases
    target="$(target_triple)"
    [ -n "$repo" ] && [ -n "$target" ] || return 1
    releases="${FEEDWRIGHT_RELEASES:-https://github.com/$repo/releases}"
    command -v curl >/dev/null || return 1
    archive="feedwright-$target.tar.gz"
    [ "${target#*windows}" != "$target" ] && archive="feedwright-$target.zip"
    if [ "$version" = latest ]; then
        base="$releases/latest/download"
    else
        base="$releases/download/v${version#v}"
    fi
    url="$base/$archive"
    echo "downloading $url"
    curl --fail --silent --show-error --location --retry 3 -o "$dest/$archive" "$url" || return 1
    curl --fail --silent --show-error --location --retry 3 -o "$dest/$archive.sha256" "$url.sha256" || return 1
    # A binary that does not match its published checksum is never run.
    [ "$(sha256_of "$dest/$archive")" = "$(cut -d' ' -f1 <"$dest/$archive.sha256")" ] \
        || die "checksum mismatch for $url"
    case "$archive" in
        *.zip) unzip -q -o "$dest/$archive" -d "$dest" ;;
        *) tar -xzf "$dest/$archive" -C "$dest" ;;
    esac
}

install() {
    local version="${INPUT_VERSION:-latest}" bin_dir bin
    # An action pinned to a release (`uses: feedwright/feedwright@v0.2.0`)
    # installs that release's binary, so the script and binary agree.
    if [ "$version" = latest ] && [[ "${FEEDWRIGHT_ACTION_REF:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
        version="$FEEDWRIGHT_ACTION_REF"
    fi
    if [ -n "${FEEDWRIGHT_BIN:-}" ]; then
        [ -x "$FEEDWRIGHT_BIN" ] || die "FEEDWRIGHT_BIN=$FEEDWRIGHT_BIN is not an executable"
        bin="$FEEDWRIGHT_BIN"
    else
        bin_dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/feedwright-bin"
        mkdir -p "$bin_dir"
        if [ "$version" != source ] && download "$bin_dir" "$version"; then
            bin="$bin_dir/feedwright"
            [ -x "$bin.exe" ] && bin="$bin.exe"
        else
            # No release binary for this runner (or none published yet):
            # build with the versions in Cargo.lock.
            echo "no release binary to download; building with cargo install --locked"
            if [ "$version" = latest ] || [ "$version" = source ] || [ -z "${FEEDWRIGHT_REPOSITORY:-}" ]; then
                cargo install --locked --root "$bin_dir/.." --path "$action_dir"
            else
                cargo install --locked --root "$bin_dir/.." \
                    --git "https://github.com/$FEEDWRIGHT_REPOSITORY" --tag "v${version#v}" feedwright
            fi
            bin="$bin_dir/feedwright"
            [ -x "$bin.exe" ] && bin="$bin.exe"
        fi
        echo "$bin_dir" >>"${GITHUB_PATH:-/dev/null}"
    fi
    "$bin" --version
    echo "FEEDWRIGHT_BIN=$bin" >>"${GITHUB_ENV:-/dev/null}"
}

# Reads one top-level number or boolean from the JSON report, with jq (on
# every GitHub-hosted runner) or else Python.
field() {
    local report="$1" name="$2"
    if command -v jq >/dev/null && [ "${FEEDWRIGHT_ACTION_JSON:-jq}" = jq ]; then
        jq -r ".$name" "$report"
    else
        "$(command -v python3 || command -v python)" -c \
            'import json, sys; v = json.load(open(sys.argv[1]))[sys.argv[2]]; print(str(v).lower() if isinstance(v, bool) else v)' \
            "$report" "$name"
    fi
}

# Files whose status is not `written` or `unchanged`: the stale and
# missing ones, and the obsolete ones a build would remove.
stale_files() {
    local report="$1"
    if command -v jq >/dev/null && [ "${FEEDWRIGHT_ACTION_JSON:-jq}" = jq ]; then
        jq -r '.files[] | select(.status == "stale" or .status == "missing" or .status == "obsolete") | "\(.status): \(.path)"' "$report"
    else
        "$(command -v python3 || command -v python)" -c \
            'import json, sys
for f in json.load(open(sys.argv[1]))["files"]:
    if f["status"] in ("stale", "missing", "obsolete"): print(f["status"] + ": " + f["path"])' "$report"
    fi
}

summarise() {
    local report="$1" code="$2" label="$3" summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
    local ok="false" result
    [ "$code" -eq 0 ] && ok=true
    if [ ! -s "$report" ]; then
        # A bad flag stops feedwright before it can write a report.
        printf '### feedwright %s\n\nfailed (exit %s) without a report; see the log.\n' "$label" "$code" >>"$summary"
        printf 'ok=%s\nexit-code=%s\n' "$ok" "$code" >>"${GITHUB_OUTPUT:-/dev/null}"
        return
    fi
    local records items errors warnings files
    records="$(field "$report" records)"
    items="$(field "$report" items)"
    errors="$(field "$report" errors)"
    warnings="$(field "$report" warnings)"
    files="$(stale_files "$report")"
    if [ "$code" -eq 0 ]; then result="passed"; else result="failed (exit $code)"; fi
    local noun=records
    [ "$label" = validate ] && noun=feeds
    {
        printf '### feedwright %s: %s\n\n' "$label" "$result"
        printf '| %s | items | errors | warnings |\n| ---: | ---: | ---: | ---: |\n' "$noun"
        printf '| %s | %s | %s | %s |\n' "$records" "$items" "$errors" "$warnings"
        if [ -n "$files" ]; then
            printf '\nOut of date (run `feedwright build` and commit):\n\n'
            while IFS= read -r line; do printf -- '- `%s`\n' "$line"; done <<<"$files"
        fi
    } >>"$summary"
    printf 'ok=%s\nexit-code=%s\nerrors=%s\nwarnings=%s\nreport=%s\n' \
        "$ok" "$code" "$errors" "$warnings" "$report" >>"${GITHUB_OUTPUT:-/dev/null}"
}

run() {
    local bin="${FEEDWRIGHT_BIN:-feedwright}" command="${INPUT_COMMAND:-build --check}"
    local -a args=()
    case "$command" in
        build) args=(build --config "${INPUT_CONFIG:-feed.toml}") ;;
        "build --check") args=(build --check --config "${INPUT_CONFIG:-feed.toml}") ;;
        check) args=(check --config "${INPUT_CONFIG:-feed.toml}") ;;
        validate)
            # Paths are split on white space, as the input documents.
            read -r -a paths <<<"${INPUT_PATHS:-public}"
            [ "${#paths[@]}" -gt 0 ] || die "validate needs at least one path in 'paths'"
            args=(validate "${paths[@]}")
            ;;
        *) die "unknown command '$command': use build, build --check, check or validate" ;;
    esac
    case "${INPUT_STRICT:-false}" in
        true) args+=(--strict) ;;
        false | "") ;;
        *) die "strict must be true or false, not '$INPUT_STRICT'" ;;
    esac
    local report="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/feedwright-report.json" code=0
    # Problems go to stderr as text (shown in the log); the report to a file.
    "$bin" "${args[@]}" --format json >"$report" || code=$?
    summarise "$report" "$code" "$command"
    exit "$code"
}

case "${1:-}" in
    install) install ;;
    run) run ;;
    *) die "usage: action.sh install|run" ;;
esac
