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
    for data in "$AWARD_DRILL_DIR"/*/data; do
        [ -f "$data/postmaster.pid" ] && award_pg_stop "$(dirname "$data")"
    done
    rm -rf "$AWARD_DRILL_DIR"
}
