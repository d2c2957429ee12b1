#!/usr/bin/env bash
# Times `feedwright build` against the floor (reading every record once with
# cat) and, when `hugo` is installed, against Hugo producing the same two
# feeds, on synthetic archives made by bench/corpus-gen. Prints a Markdown
# table of medians and peak memory. Not part of `cargo test`: timings depend
# on the machine.
#
#   scripts/bench.sh                      # 1,000 / 10,000 / 100,000 records
#   scripts/bench.sh 1000 10000 300000    # any list of sizes
#
# Environment (all optional):
#   BENCH_DIR       where corpora and outputs go (default /work/bench-data
#                   when /work exists, else $TMPDIR/feedwright-bench); never
#                   inside the repository
#   SEED            corpus seed (default 1)
#   RUNS            timed runs per command (default 5; 3 above 100,000)
#   MEM_RUNS        runs of /usr/bin/time -v for peak memory (default 3)
#   FEEDWRIGHT      a feedwright binary to time; skips the build
#   FEEDWRIGHT_REV  a git revision to build (via `git archive`, outside the
#                   work tree) instead of the work tree as it is
#   HUGO            hugo binary (default: `hugo` on PATH; "none" to skip)
#   HUGO_MAX        largest corpus Hugo is run on (default 300000: Hugo
#                   needs ~2.5 GB per 100,000 records)
#   KEEP_MAX        corpora larger than this are deleted at the end
#                   (default 100000)
#   PROFILE_SIZE    also write a callgrind profile of one build of a corpus of
#                   this size (e.g. 10000); needs valgrind
#   FEEDS           1: the many-feeds benchmark instead: corpora made with
#                   `corpus-gen --wide` (420 tags, 98 authors), feedwright
#                   with `formats = ["rss", "atom", "json"]` and `[feeds]`
#                   tags and authors (~1,560 files), Hugo with a feed per
#                   tag and author term (bench/hugo-feeds: RSS + Atom)
#
# Needs: cargo, and hyperfine when installed (else a /usr/bin/time loop).
# apt-get install -y hyperfine hugo valgrind
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -z ${BENCH_DIR:-} ]]; then
    if [[ -d /work && -w /work ]]; then BENCH_DIR=/work/bench-data; else BENCH_DIR=${TMPDIR:-/tmp}/feedwright-bench; fi
fi
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
case "$BENCH_DIR/" in
    "$REPO"/*) echo "bench.sh: BENCH_DIR must be outside the repository" >&2; exit 2 ;;
esac
SEED=${SEED:-1}
MEM_RUNS=${MEM_RUNS:-3}
HUGO_MAX=${HUGO_MAX:-300000}
KEEP_MAX=${KEEP_MAX:-100000}
FEEDS=${FEEDS:-0}
if (($# > 0)); then SIZES=("$@"); else SIZES=(1000 10000 100000); fi
# Fixed "now", after every generated date: reproducible feeds.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}

log() { printf '%s\n' "bench: $*" >&2; }

# --- tools -----------------------------------------------------------------
HAVE_HYPERFINE=0
command -v hyperfine >/dev/null && HAVE_HYPERFINE=1
[[ -x /usr/bin/time ]] || { echo "bench.sh: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }
HUGO=${HUGO:-$(command -v hugo || echo none)}
[[ $HUGO != none ]] && log "hugo: $("$HUGO" version | head -1)"
((HAVE_HYPERFINE)) && log "$(hyperfine --version)"

# --- build -----------------------------------------------------------------
GEN_TARGET=$BENCH_DIR/target-corpus-gen
log "building bench/corpus-gen"
cargo build --quiet --release --manifest-path "$REPO/bench/corpus-gen/Cargo.toml" --target-dir "$GEN_TARGET"
GEN=$GEN_TARGET/release/corpus-gen
GEN_HASH=$(cat "$REPO/bench/corpus-gen/src/main.rs" "$REPO/bench/corpus-gen/Cargo.toml" | cksum | cut -d' ' -f1)

if [[ -n ${FEEDWRIGHT:-} ]]; then
    FW=$FEEDWRIGHT
    FW_DESC="$FW (given)"
elif [[ -n ${FEEDWRIGHT_REV:-} ]]; then
    rev=$(git -C "$REPO" rev-parse --short "$FEEDWRIGHT_REV")
    src=$BENCH_DIR/src-$rev
    if [[ ! -f $src/Cargo.toml ]]; then
        rm -rf "$src" && mkdir -p "$src"
        git -C "$REPO" archive "$rev" | tar -x -C "$src"
    fi
    log "building feedwright $rev (release) in $src"
    cargo build --quiet --release --manifest-path "$src/Cargo.toml" --target-dir "$BENCH_DIR/target-feedwright"
    FW=$BENCH_DIR/target-feedwright/release/feedwright
    FW_DESC="feedwright at $rev"
else
    log "building feedwright (release) from the work tree"
    cargo build --quiet --release --manifest-path "$REPO/Cargo.toml"
    FW=$REPO/target/release/feedwright
    rev=$(git -C "$REPO" rev-parse --short HEAD)
    if [[ -n $(git -C "$REPO" status --porcelain -- src Cargo.toml Cargo.lock) ]]; then rev="$rev+dirty"; fi
    FW_DESC="feedwright at $rev (work tree)"
fi
log "timing $FW_DESC"

# --- corpora ---------------------------------------------------------------
if ((FEEDS)); then
    corpus_dir() { echo "$BENCH_DIR/corpus-wide-$1-s$SEED"; }
    GEN_FLAGS=(--wide)
    HUGO_SITE=$REPO/bench/hugo-feeds
else
    corpus_dir() { echo "$BENCH_DIR/corpus-$1-s$SEED"; }
    GEN_FLAGS=()
    HUGO_SITE=$REPO/bench/hugo
fi

ensure_corpus() {
    local n=$1 dir
    dir=$(corpus_dir "$n")
    if [[ $(cat "$dir/.generated" 2>/dev/null) != "$GEN_HASH" ]]; then
        # A corpus needs ~4.4 KB a record plus file-system overhead; keep
        # 4 GB spare besides.
        local need_kb=$((n * 8 + 4 * 1024 * 1024)) free_kb
        free_kb=$(df -Pk "$BENCH_DIR" | awk 'NR==2 {print $4}')
        if ((free_kb < need_kb)); then
            log "skipping $n records: $((free_kb / 1024)) MiB free, need $((need_kb / 1024)) MiB"
            return 1
        fi
        log "generating $n records in $dir"
        rm -rf "$dir"
        mkdir -p "$dir"
        "$GEN" gen "$n" "$dir" --seed "$SEED" "${GEN_FLAGS[@]}"
        echo "$GEN_HASH" >"$dir/.generated"
    fi
    rm -rf "$dir/hugo"
    mkdir -p "$dir/hugo"
    cp -r "$HUGO_SITE/." "$dir/hugo/"
    if ((FEEDS)) && ! grep -q '^\[feeds\]' "$dir/feed.toml"; then
        {
            echo 'formats = ["rss", "atom", "json"]'
            sed '/^\[author\]/,$d' "$dir/feed.toml"
            printf '[feeds]\ntags = true\nauthors = true\n\n'
            sed -n '/^\[author\]/,$p' "$dir/feed.toml"
        } >"$dir/feed.toml.new"
        mv "$dir/feed.toml.new" "$dir/feed.toml"
    fi
}

# --- measuring -------------------------------------------------------------
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) exit; if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# Median wall time in seconds of `sh -c CMD`, with PREP run before each run.
time_loop() {
    local runs=$1 prep=$2 cmd=$3 i
    sh -c "$prep" && sh -c "$cmd" # warm-up
    for ((i = 0; i < runs; i++)); do
        sh -c "$prep"
        /usr/bin/time -f %e -o "$BENCH_DIR/.t" sh -c "$cmd"
        cat "$BENCH_DIR/.t"
    done | median
}

# Median peak RSS in MiB of CMD (run directly, not through a shell).
peak_rss() {
    local prep=$1 i
    shift
    for ((i = 0; i < MEM_RUNS; i++)); do
        sh -c "$prep"
        /usr/bin/time -v -o "$BENCH_DIR/.m" "$@" >/dev/null 2>&1
        awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2 / 1024}' "$BENCH_DIR/.m"
    done | median
}

fmt_s() { [[ -z $1 ]] && { echo "—"; return; }; awk -v t="$1" 'BEGIN { if (t < 1) printf "%.0f ms", t * 1000; else printf "%.2f s", t }'; }
fmt_mib() { [[ -z $1 ]] && { echo "—"; return; }; awk -v m="$1" 'BEGIN { printf "%.0f MiB", m }'; }
ratio() { [[ -z $1 || -z $2 ]] && { echo "—"; return; }; awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
thousands() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

ROWS=()
for n in "${SIZES[@]}"; do
    ensure_corpus "$n" || continue
    dir=$(corpus_dir "$n")
    out=$BENCH_DIR/out-feedwright
    hout=$BENCH_DIR/out-hugo
    runs=${RUNS:-$((n > 100000 ? 3 : 5))}
    mb=$(du -sm --apparent-size "$dir/articles" | cut -f1)
    use_hugo=0
    [[ $HUGO != none ]] && ((n <= HUGO_MAX)) && use_hugo=1

    cat_cmd="find $dir/articles -type f -print0 | xargs -0 cat > /dev/null"
    fw_cmd="$FW --quiet --config $dir/feed.toml --out $out build"
    hugo_cmd="$HUGO --quiet --source $dir/hugo --destination $hout"
    log "$n records ($mb MB): $runs runs each"
    sh -c "$cat_cmd" # warm the page cache

    # Check the build succeeds before timing it.
    rm -rf "$out"
    $fw_cmd || { log "feedwright build failed on $dir"; exit 1; }
    if ((use_hugo)); then rm -rf "$hout"; $hugo_cmd >/dev/null || { log "hugo failed on $dir"; exit 1; }; fi

    t_cat="" t_fw="" t_hugo=""
    if ((HAVE_HYPERFINE)); then
        json=$BENCH_DIR/hyperfine-$n.json
        args=(--style basic --warmup 1 --runs "$runs" --export-json "$json"
            --prepare true -n cat "$cat_cmd"
            --prepare "rm -rf $out" -n feedwright "$fw_cmd")
        ((use_hugo)) && args+=(--prepare "rm -rf $hout" -n hugo "$hugo_cmd")
        hyperfine "${args[@]}" >&2
        get() { tr -d '\n ' <"$json" | grep -o "\"command\":\"$1\"[^}]*\"median\":[0-9.eE+-]*" | sed 's/.*"median"://'; }
        t_cat=$(get cat) t_fw=$(get feedwright)
        ((use_hugo)) && t_hugo=$(get hugo)
    else
        t_cat=$(time_loop "$runs" true "$cat_cmd")
        t_fw=$(time_loop "$runs" "rm -rf $out" "$fw_cmd")
        ((use_hugo)) && t_hugo=$(time_loop "$runs" "rm -rf $hout" "$hugo_cmd")
    fi
    m_fw=$(peak_rss "rm -rf $out" $fw_cmd)
    m_hugo=""
    ((use_hugo)) && m_hugo=$(peak_rss "rm -rf $hout" $hugo_cmd)
    ROWS+=("| $(thousands "$n") | $mb MB | $(fmt_s "$t_cat") | $(fmt_s "$t_fw") | $(ratio "$t_fw" "$t_cat") | $(fmt_s "$t_hugo") | $(ratio "$t_hugo" "$t_fw") | $(fmt_mib "$m_fw") | $(fmt_mib "$m_hugo") |")
    log "${ROWS[-1]}"
done

if [[ -n ${PROFILE_SIZE:-} ]] && command -v valgrind >/dev/null && ensure_corpus "$PROFILE_SIZE"; then
    dir=$(corpus_dir "$PROFILE_SIZE")
    prof=$BENCH_DIR/callgrind-$PROFILE_SIZE.out
    log "callgrind on $PROFILE_SIZE records (slow) → $prof"
    rm -rf "$BENCH_DIR/out-feedwright"
    valgrind --tool=callgrind --callgrind-out-file="$prof" \
        "$FW" --quiet --config "$dir/feed.toml" --out "$BENCH_DIR/out-feedwright" build 2>"$BENCH_DIR/callgrind.log"
    log "read it with: callgrind_annotate --inclusive=yes $prof | head -60"
fi

for n in "${SIZES[@]}"; do
    if ((n > KEEP_MAX)) && [[ -d $(corpus_dir "$n") ]]; then
        log "deleting the $n-record corpus (KEEP_MAX=$KEEP_MAX)"
        rm -rf "$(corpus_dir "$n")"
    fi
done

hugo_note="not installed"
hugo_what="home RSS + Atom only"
((FEEDS)) && hugo_what="home and every tag and author term, RSS + Atom"
[[ $HUGO != none ]] && hugo_note="$("$HUGO" version | awk '{print $2}' | cut -d+ -f1), $hugo_what"
cat <<EOF

$FW_DESC; $(nproc) cores; medians of ${RUNS:-5 runs (3 above 100,000 records)}${RUNS:+ runs}, warm page cache; peak RSS is the median of $MEM_RUNS runs of /usr/bin/time -v.
Corpus: bench/corpus-gen, seed $SEED. Hugo: $hugo_note.

| records | corpus | cat floor | feedwright | feedwright / cat | hugo | hugo / feedwright | feedwright peak RSS | hugo peak RSS |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
EOF
printf '%s\n' "${ROWS[@]}"
