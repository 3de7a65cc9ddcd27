# Shared by the operations drills (scripts/backup-drill, upgrade-drill, failover-drill): the
# binaries (built here, or AWARD_BIN=DIR holding awardd and awardctl), a private work directory
# removed on exit with every cluster in it stopped, then the drill's python.
# Sourced after scripts/lib/pg.sh.

# award_drill NAME ARGS…: runs scripts/drills/NAME.py ARGS… in a fresh AWARD_DRILL_DIR.
award_drill() {
    local name=$1; shift
    award_need_packages
    command -v python3 >/dev/null || { echo "error: python3 is needed" >&2; return 1; }
    if [ -z "${AWARD_BIN:-}" ]; then
        swift build --product awardd >&2
        swift build --product awardctl >&2
        AWARD_BIN="$(swift build --show-bin-path)"
    fi
    [ -x "$AWARD_BIN/awardd" ] && [ -x "$AWARD_BIN/awardctl" ] || { echo "error: no awardd/awardctl in $AWARD_BIN" >&2; return 1; }
    AWARD_DRILL_DIR=$(mktemp -d "/tmp/award-$name.XXXXXX")
    chmod 755 "$AWARD_DRILL_DIR"   # the clusters' owner (postgres, when run as root) must reach it
    trap award_drill_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    export AWARD_BIN AWARD_DRILL_DIR AWARD_PG_BIN="$(award_pg_bindir)"
    python3 "scripts/drills/$name.py" "$@"
}

# Stops every cluster the drill left running (the python stops its own; this is for a crash),
# then removes the work directory.
award_drill_cleanup() {
    local data
    [ -f "$AWARD_DRILL_DIR/nginx/nginx.pid" ] && kill "$(cat "$AWARD_DRILL_DIR/nginx/nginx.pid")" 2>/dev/null
    for data in "$AWARD_DRILL_DIR"/*/data; do
        [ -f "$data/postmaster.pid" ] && award_pg_stop "$(dirname "$data")"
    done
    rm -rf "$AWARD_DRILL_DIR"
}

# award_build_v020: builds the previous release's awardd and awardctl (tag v0.2.0) in a git
# worktree, into .build-v020 (ignored by git; its packages seeded from .build when it has them, so
# no network is needed), unless AWARD_OLD_BIN names a directory that holds them. Sets AWARD_OLD_BIN.
award_build_v020() {
    if [ -n "${AWARD_OLD_BIN:-}" ]; then export AWARD_OLD_BIN; return 0; fi
    local scratch="$PWD/.build-v020" tree
    git rev-parse -q --verify v0.2.0 >/dev/null || { echo "error: the tag v0.2.0 is missing (git fetch --tags)" >&2; return 1; }
    if [ ! -d "$scratch/checkouts" ] && [ -d .build/repositories ]; then
        mkdir -p "$scratch"
        cp -a .build/repositories .build/checkouts "$scratch/"
        [ -f .build/workspace-state.json ] && cp .build/workspace-state.json "$scratch/"
    fi
    tree=$(mktemp -d /tmp/award-v020-src.XXXXXX)
    git worktree add --detach "$tree/src" v0.2.0 >/dev/null
    [ -f Package.resolved ] && cp Package.resolved "$tree/src/"
    (cd "$tree/src" && swift build --scratch-path "$scratch" --product awardd >&2 && swift build --scratch-path "$scratch" --product awardctl >&2)
    local rc=$?
    git worktree remove --force "$tree/src"
    rm -rf "$tree"
    [ $rc = 0 ] || return $rc
    AWARD_OLD_BIN="$scratch/debug"
    export AWARD_OLD_BIN
}
