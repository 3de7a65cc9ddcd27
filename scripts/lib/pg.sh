# Shared shell helpers: install what is missing, and start/stop a private PostgreSQL cluster
# that listens only on a Unix socket inside its own directory. Sourced by scripts/test and
# scripts/demo.

# award_install PACKAGE…: installs Debian packages (nothing when none are named).
award_install() {
    [ $# -gt 0 ] || return 0
    echo "installing: $*" >&2
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

award_need_packages() {
    local missing=()
    command -v pg_config >/dev/null 2>&1 || missing+=(libpq-dev)
    [ -f /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    command -v jq >/dev/null 2>&1 || missing+=(jq)
    # The .xlsx writer (a system library target, like libpq).
    [ -f /usr/include/xlsxwriter.h ] || missing+=(libxlsxwriter-dev)
    # The QR codes of the printed papers (libqrencode, a system library target too).
    [ -f /usr/include/qrencode.h ] || missing+=(libqrencode-dev)
    # The PKCS#11 header the signing keys are reached through (the token's module is loaded at run time).
    [ -f /usr/include/p11-kit-1/p11-kit/pkcs11.h ] || missing+=(libp11-kit-dev)
    award_install "${missing[@]}"
    if ! command -v swift >/dev/null 2>&1; then
        echo "error: the Swift toolchain (6.2 or later) is not on PATH" >&2
        return 1
    fi
}

# The browser test's needs: Debian's chromium, its driver and Selenium for Debian's python3.
award_need_browser() {
    local missing=()
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
    /usr/bin/python3 -c "import selenium" >/dev/null 2>&1 || missing+=(python3-selenium)
    [ -d /usr/share/fonts/truetype/liberation2 ] || missing+=(fonts-liberation2)
    award_install "${missing[@]}"
}

# The papers' checks: poppler's pdfinfo/pdftotext, LibreOffice to open the Word files, and openpyxl
# (PyPI) for python3 on PATH to read the Excel files back.
award_need_documents() {
    local missing=()
    command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
    command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
    # promtool (from Debian's prometheus) checks what /metrics serves.
    command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
    # The operations tests: PgBouncer in front of the cluster, nginx in front of awardd, openssl
    # for test certificates.
    [ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
    [ -x /usr/sbin/nginx ] || missing+=(nginx)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
    # zbarimg reads the printed QR codes back.
    command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
    # Digital signatures: SoftHSM2 stands in for the USB token, pdfsig (poppler) and NSS's certutil verify.
    [ -f /usr/lib/softhsm/libsofthsm2.so ] || missing+=(softhsm2)
    command -v pkcs11-tool >/dev/null 2>&1 || missing+=(opensc)
    command -v certutil >/dev/null 2>&1 || missing+=(libnss3-tools)
    award_install "${missing[@]}"
    python3 -c "import openpyxl" >/dev/null 2>&1 || python3 -m pip install -q openpyxl >/dev/null
    # The e-mail tests' SMTP server.
    python3 -c "import aiosmtpd" >/dev/null 2>&1 || python3 -m pip install -q aiosmtpd >/dev/null
    # pyHanko, the second verifier of signed decisions.
    python3 -m pyhanko --version >/dev/null 2>&1 || python3 -m pip install -q pyhanko pyhanko-cli >/dev/null
}

award_pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -x "$dir/initdb" ] || { echo "error: no PostgreSQL server binaries found" >&2; return 1; }
    echo "$dir"
}

# Runs a server binary as the cluster's owner: initdb refuses root, so root runs it as postgres.
award_pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# award_pg_start DIR [extra server options]: creates the cluster in DIR/data if needed and starts
# it with its socket in DIR. Exports PGHOST, PGUSER, PGDATABASE for libpq.
award_pg_start() {
    local dir=$1; shift
    local bin; bin=$(award_pg_bindir) || return 1
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        award_pg_as_owner "$bin/initdb" -D "$dir/data" --auth=trust --username=postgres \
            --locale=C.UTF-8 --encoding=UTF8 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; return 1; }
    fi
    if ! award_pg_as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        award_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -w -t 60 -l "$dir/server.log" \
            -o "-c listen_addresses='' -c unix_socket_directories='$dir' $*" start >/dev/null \
            || { cat "$dir/server.log" >&2; return 1; }
    fi
    export PGHOST="$dir" PGUSER=postgres PGDATABASE=postgres
    unset PGPORT PGSERVICE PGPASSWORD
}

# award_pg_roles DB: the two roles every Award Engine database uses (OPERATIONS.md), then DB
# owned by the owner role: award_owner (migrations run as it) and awardd, a login member of
# award_app (data rights only; awardd and awardctl run as it). Needs the PGHOST of award_pg_start.
award_pg_roles() {
    psql -Xq -d postgres -v ON_ERROR_STOP=1 >/dev/null <<SQL
DO \$\$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'award_owner') THEN CREATE ROLE award_owner LOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'award_app') THEN CREATE ROLE award_app NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'awardd') THEN CREATE ROLE awardd LOGIN IN ROLE award_app; END IF;
END \$\$;
CREATE DATABASE $1 OWNER award_owner;
SQL
}

award_pg_stop() {
    local dir=$1
    local bin; bin=$(award_pg_bindir) || return 0
    [ -f "$dir/data/PG_VERSION" ] || return 0
    award_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

# award_write_awardctl_wrapper AWARD_DIR AWARDCTL: writes AWARD_DIR/bin/awardctl, which runs
# AWARDCTL against the embedded cluster in AWARD_DIR/pg from any directory (AWARD_DATA_DIR).
award_write_awardctl_wrapper() {
    local dir=$1 binary=$2
    mkdir -p "$dir/bin"
    cat >"$dir/bin/awardctl.tmp" <<WRAPPER
#!/bin/sh
# awardctl for the embedded database in $dir/pg (written by scripts/run).
: "\${AWARD_DATA_DIR:=$dir/pg}"
export AWARD_DATA_DIR
exec "$binary" "\$@"
WRAPPER
    chmod +x "$dir/bin/awardctl.tmp"
    mv "$dir/bin/awardctl.tmp" "$dir/bin/awardctl"
    # awardd beside it (OPERATIONS.md checks configuration files with `awardd --check`).
    ln -sfn "$(dirname "$binary")/awardd" "$dir/bin/awardd"
}

# award_demo_pki DIR: the demo's test PKI and SoftHSM2 token (scripts/test-pki), made once: the
# province's leader (le.hoa) and seal (P15), the Prime Minister's office's (pham.tung, TW). awardd
# --demo signs and seals the province's decision with them when AWARD_DEMO_PKI names DIR.
award_demo_pki() {
    local dir=$1
    [ -f "$dir/root.pem" ] && [ -d "$dir/tokens" ] && return 0
    rm -rf "$dir"
    AWARD_PKI_LEADER="Nguyễn Văn Hùng" AWARD_PKI_LEADER_LABEL=le.hoa AWARD_PKI_SEAL_LABEL=P15 \
        AWARD_PKI_MORE="pham.tung|person|Trần Văn Hưng;TW|seal|Chính phủ" \
        "$(dirname "${BASH_SOURCE[0]}")/../test-pki" "$dir"
}
