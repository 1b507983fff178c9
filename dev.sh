#!/usr/bin/env bash
# dev.sh - one entry point to run, test and lint the hr_asn_appraisal addon.
#
#   ./dev.sh demo [--reset]   demo database + Odoo server on http://localhost:8069
#   ./dev.sh test [--rules]   rules tests (no Odoo), the addon's Odoo tests, Odoo's
#                             own hr/hr_skills tests with the addon, pytest suites,
#                             lint (pre-commit), with a summary; --rules: only the
#                             first stage, in seconds, without PostgreSQL or Odoo
#   ./dev.sh setup            only prepare (venv, PostgreSQL, system packages, odoo.conf)
#   ./dev.sh shell [args]     odoo shell on the demo database
#   ./dev.sh bench [args]     run tests/benchmarks/bench_*.py
#   ./dev.sh load [args]      multi-process / two-node load test over JSON-RPC
#   ./dev.sh help             this help, with the configuration knobs
#
# Exit codes: 0 ok, 1 failure (tests, install, ...), 2 Odoo 18.0 tree missing or
# wrong version, 3 PostgreSQL unusable, 4 HTTP port busy, 64 bad usage.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ADDON=hr_asn_appraisal
ODOO_SERIES=18.0
ODOO_GIT_URL=https://github.com/odoo/odoo.git

if [[ -z "${HOME:-}" ]]; then
    HOME="$(getent passwd "$(id -un)" | cut -d: -f6)"
    export HOME
fi

ODOO_SRC="${ODOO_SRC:-/opt/odoo}"
ASN_VENV="${ASN_VENV:-$HOME/.cache/hr_asn_appraisal/venv}"
ASN_DB="${ASN_DB:-hr_asn_demo}"
ASN_TEST_DB="${ASN_TEST_DB:-hr_asn_test}"
ASN_BENCH_DB="${ASN_BENCH_DB:-hr_asn_bench}"
ASN_PORT="${ASN_PORT:-8069}"
ASN_DB_HOST="${ASN_DB_HOST:-}"
ASN_DB_PORT="${ASN_DB_PORT:-}"
ASN_DB_USER="${ASN_DB_USER:-}"
ASN_STATE="${ASN_STATE:-$REPO_ROOT/.state}"
ASN_TEST_TAGS="${ASN_TEST_TAGS:-/$ADDON}"
# Odoo's own test suites run with the addon installed (./dev.sh test, stage 3);
# ASN_UPSTREAM_TESTS overrides the list (empty: skip), see cmd_test
UPSTREAM_TESTS_DEFAULT="hr,hr_skills"
UPSTREAM_TESTS=""
ASN_LOAD_DB="${ASN_LOAD_DB:-hr_asn_load}"
ASN_LOAD_PORT="${ASN_LOAD_PORT:-8170}"
ASN_PYTHON="${ASN_PYTHON:-}"
# relative paths are taken from the current directory
[[ "$ODOO_SRC" == /* ]] || ODOO_SRC="$PWD/$ODOO_SRC"
[[ "$ASN_VENV" == /* ]] || ASN_VENV="$PWD/$ASN_VENV"
[[ "$ASN_STATE" == /* ]] || ASN_STATE="$PWD/$ASN_STATE"
export ODOO_SRC ASN_VENV ASN_DB ASN_TEST_DB ASN_BENCH_DB ASN_PORT ASN_STATE

CONF="$ASN_STATE/odoo.conf"
LOG_DIR="$ASN_STATE/logs"
VPY="$ASN_VENV/bin/python"
STAMP="$ASN_VENV/.hr_asn_appraisal-requirements.sha256"
PG_SOCKET_DEFAULT=/var/run/postgresql

# resolved by setup_postgres
DB_HOST=""
DB_PORT=""
DB_USER=""

# ---------------------------------------------------------------- messages

say() { printf 'dev.sh: %s\n' "$*"; }
warn() { printf 'dev.sh: warning: %s\n' "$*" >&2; }
die() {
    local code="$1"
    shift
    printf 'dev.sh: error: %s\n' "$*" >&2
    exit "$code"
}
have() { command -v "$1" >/dev/null 2>&1; }
now() { printf '%s' "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

usage() {
    cat <<EOF
usage: ./dev.sh <command> [args]

commands:
  demo [--reset]  create the demo database $ASN_DB (Odoo demo data + the addon)
                  if it does not exist (--reset: drop it first), then run Odoo
                  on http://localhost:$ASN_PORT and print the demo logins
  test [--rules]  five stages, then a summary ("N passed, N failed"; exit
                  non-zero on any failure):
                  1. rules: the table tests of the pure rules (tests/rules),
                     plain pytest without Odoo or a database (seconds)
                  2. the addon's Odoo tests on a fresh database $ASN_TEST_DB
                     (--test-tags $ASN_TEST_TAGS)
                  3. Odoo's own tests of $UPSTREAM_TESTS_DEFAULT with the addon installed
                     and the whole registry loaded (tests/upstream/)
                  4. the pytest suites in tests/ (packaging, dev.sh, import)
                  5. lint: .pre-commit-config.yaml (OCA checks, ruff,
                     pylint-odoo), offline, from the venv
                  --rules runs stage 1 only (needs the venv, not PostgreSQL)
  setup           only prepare everything (venv, PostgreSQL, chromium,
                  wkhtmltopdf, $ASN_STATE/odoo.conf)
  shell [args]    odoo shell on the demo database
  bench [args]    run every tests/benchmarks/bench_*.py with the venv python
                  (args are passed to each, after -c <odoo.conf>; -n N
                  employees, default 1000); installs requirements-bench.txt
                  (OCA hr_appraisal_oca, the peer) and creates the database
                  $ASN_BENCH_DB (or -d DB) with both addons if missing
  load [--reset] [args]
                  load test: database $ASN_LOAD_DB (created with the addon,
                  no demo data, when missing; --reset drops it first), then
                  Odoo with --workers=4 on port $ASN_LOAD_PORT and, after it,
                  two Odoo servers on ports $ASN_LOAD_PORT+1 and +2 against that
                  database; 63 users over JSON-RPC for 45 s each; prints
                  throughput, p50/p95 latency, errors and the database checks
                  (args go to tests/benchmarks/load_rpc.py, e.g. --duration 30,
                  --modes workers); loopback only, stops its servers on exit
  help            this text

knobs (environment variables):
  ODOO_SRC       Odoo 18.0 source tree            (default /opt/odoo)
  ASN_VENV       Python virtualenv                (default \$HOME/.cache/hr_asn_appraisal/venv)
  ASN_PYTHON     interpreter to create the venv   (default python3.11, else python3)
  ASN_DB         demo database                    (default hr_asn_demo)
  ASN_TEST_DB    test database, dropped each run  (default hr_asn_test)
  ASN_BENCH_DB   benchmark database, kept         (default hr_asn_bench;
                 ASN_BENCH_UPDATE=1 updates the addon in it first)
  ASN_BENCH_ONLY which benchmarks, e.g. generation,batches (default: all)
  ASN_PORT       HTTP port of the demo server     (default 8069)
  ASN_DB_HOST    PostgreSQL host or socket dir; when set (or ASN_DB_PORT is),
                 exactly that server is used, dev.sh never starts or creates one
  ASN_DB_PORT    PostgreSQL port                  (default 5432)
  ASN_DB_USER    PostgreSQL role                  (default: your login, $(id -un))
  ASN_STATE      generated files: odoo.conf, logs, filestore, local cluster
                 (default <repo>/.state)
  ASN_TEST_TAGS  --test-tags for the Odoo run     (default /$ADDON)
  ASN_TEST_SHARDS 2 (default): the full Odoo run in two processes at once;
                 1: one process
  ASN_UPSTREAM_TESTS
                 Odoo's own suites of stage 3, MODULE or MODULE:test_file,
                 comma-separated (default $UPSTREAM_TESTS_DEFAULT when ASN_TEST_TAGS is
                 the default; skipped when ASN_TEST_TAGS narrows the run;
                 empty: skipped; e.g. hr,hr_skills,mail:test_mail_activity)
  ASN_LOAD_DB    database of the load test        (default hr_asn_load)
  ASN_LOAD_PORT  first HTTP port of the load test (default 8170; it uses
                 this and the next two, and their +10 for gevent)

Get Odoo 18.0 with:
  git clone --depth 1 --branch $ODOO_SERIES $ODOO_GIT_URL /opt/odoo
EOF
}

# ---------------------------------------------------------------- helpers

as_root() {
    if [[ "$(id -u)" == 0 ]]; then
        "$@"
    elif have sudo && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        return 1
    fi
}

as_postgres() {
    if [[ "$(id -un)" == postgres ]]; then
        "$@"
    elif [[ "$(id -u)" == 0 ]]; then
        runuser -u postgres -- "$@"
    elif have sudo && sudo -n true 2>/dev/null; then
        sudo -n -u postgres -- "$@"
    else
        return 1
    fi
}

APT_UPDATED=0
apt_install() {
    # apt_install PKG... : install Debian packages (needs root or sudo -n)
    have apt-get || return 1
    if [[ "$APT_UPDATED" == 0 ]]; then
        say "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
        APT_UPDATED=1
    fi
    say "apt-get install -y $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" \
        >"$LOG_DIR/apt-install.log" 2>&1 || {
        tail -n 20 "$LOG_DIR/apt-install.log" >&2
        return 1
    }
}

port_listener() {
    # port_listener PORT: prints a description of who listens on PORT, if anyone
    local port="$1" line
    if have ss; then
        line="$(ss -Hltnp "sport = :$port" 2>/dev/null | head -n 1 || true)"
        if [[ -n "$line" ]]; then
            if [[ "$line" =~ users:\(\(\"([^\"]+)\",pid=([0-9]+) ]]; then
                printf '%s (pid %s)' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
            else
                printf 'another process'
            fi
            return 0
        fi
        return 1
    fi
    if timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
        printf 'another process'
        return 0
    fi
    return 1
}

free_port() {
    # free_port START: first TCP port >= START nobody listens on
    local port="$1"
    while port_listener "$port" >/dev/null; do
        port=$((port + 1))
    done
    printf '%s' "$port"
}

# ---------------------------------------------------------------- 1. Odoo tree

check_odoo() {
    local release="$ODOO_SRC/odoo/release.py" line found
    if [[ ! -f "$release" ]]; then
        die 2 "Odoo $ODOO_SERIES source not found at $ODOO_SRC (no odoo/release.py there).
  Get it with:  git clone --depth 1 --branch $ODOO_SERIES $ODOO_GIT_URL $ODOO_SRC
  or set ODOO_SRC to an existing Odoo $ODOO_SERIES tree."
    fi
    line="$(grep -E '^version_info[[:space:]]*=' "$release" | head -n 1 || true)"
    if [[ "$line" =~ \([[:space:]]*([0-9]+)[[:space:]]*,[[:space:]]*([0-9]+) ]]; then
        found="${BASH_REMATCH[1]}.${BASH_REMATCH[2]}"
    else
        die 2 "cannot read version_info from $release; hr_asn_appraisal needs Odoo $ODOO_SERIES.
  Get it with:  git clone --depth 1 --branch $ODOO_SERIES $ODOO_GIT_URL /opt/odoo  (or set ODOO_SRC)"
    fi
    if [[ "$found" != "$ODOO_SERIES" ]]; then
        die 2 "the Odoo tree at $ODOO_SRC is version $found, but hr_asn_appraisal needs Odoo $ODOO_SERIES.
  Get $ODOO_SERIES with:  git clone --depth 1 --branch $ODOO_SERIES $ODOO_GIT_URL /opt/odoo
  or set ODOO_SRC to an Odoo $ODOO_SERIES tree."
    fi
    if [[ ! -f "$ODOO_SRC/odoo-bin" ]]; then
        die 2 "$ODOO_SRC has odoo/release.py but no odoo-bin; is it a complete Odoo $ODOO_SERIES tree?"
    fi
}

# ---------------------------------------------------------------- 2. venv

pick_python() {
    local cand
    for cand in ${ASN_PYTHON:+"$ASN_PYTHON"} python3.11 python3; do
        if have "$cand" && "$cand" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))' 2>/dev/null; then
            printf '%s' "$cand"
            return 0
        fi
        [[ -n "$ASN_PYTHON" && "$cand" == "$ASN_PYTHON" ]] &&
            die 1 "ASN_PYTHON=$ASN_PYTHON is not a Python 3.10-3.12 interpreter (Odoo $ODOO_SERIES needs one)"
    done
    die 1 "no Python 3.10-3.12 found (tried python3.11, python3); install python3 or set ASN_PYTHON"
}

setup_venv() {
    local py odoo_reqs="$ASN_STATE/requirements-odoo.txt" want purelib pth
    if [[ ! -x "$VPY" ]] || ! "$VPY" -c '' 2>/dev/null; then
        py="$(pick_python)"
        say "creating virtualenv $ASN_VENV with $py ($("$py" -c 'import platform; print(platform.python_version())'))"
        mkdir -p "$(dirname "$ASN_VENV")"
        if ! "$py" -m venv --clear "$ASN_VENV" 2>"$LOG_DIR/venv.log"; then
            # Debian's python3 needs python3-venv for ensurepip
            if apt_install python3-venv && "$py" -m venv --clear "$ASN_VENV" 2>"$LOG_DIR/venv.log"; then
                :
            else
                cat "$LOG_DIR/venv.log" >&2 || true
                die 1 "could not create the virtualenv $ASN_VENV with $py (install python3-venv?)"
            fi
        fi
        rm -f "$STAMP"
    fi
    # Odoo's requirements, adjusted for Python 3.11 wheels:
    #  - python-ldap is only for auth_ldap and needs LDAP headers: dropped
    #  - cbor2 5.4.2 has no wheel and fails to build: 5.6.2
    sed -e '/^[[:space:]]*python-ldap[[:space:]=<>~;]/d' \
        -e 's/^cbor2==5\.4\.2/cbor2==5.6.2/' \
        "$ODOO_SRC/requirements.txt" >"$odoo_reqs.tmp"
    mv -f "$odoo_reqs.tmp" "$odoo_reqs"
    want="$(cat "$odoo_reqs" "$REPO_ROOT/requirements-dev.txt" "$REPO_ROOT/requirements-addons.txt" \
        "$REPO_ROOT/requirements-lint.txt" | sha256sum | cut -d' ' -f1)"
    if [[ ! -f "$STAMP" || "$(cat "$STAMP")" != "$want" ]]; then
        say "installing Python requirements into $ASN_VENV (a minute or two the first time; log: $LOG_DIR/pip.log)"
        if ! "$VPY" -m pip install --disable-pip-version-check --progress-bar off \
            --prefer-binary -r "$odoo_reqs" -r "$REPO_ROOT/requirements-dev.txt" \
            >"$LOG_DIR/pip.log" 2>&1; then
            tail -n 30 "$LOG_DIR/pip.log" >&2
            die 1 "pip install failed (full log: $LOG_DIR/pip.log)"
        fi
        # OCA addons (report_xlsx): their wheels require odoo==18.0.*, which
        # is not pip-installed; OCA's pre-commit checks pin another polib than
        # Odoo: hence --no-deps (the files say more)
        if ! "$VPY" -m pip install --disable-pip-version-check --progress-bar off \
            --prefer-binary --no-deps -r "$REPO_ROOT/requirements-addons.txt" \
            -r "$REPO_ROOT/requirements-lint.txt" \
            >>"$LOG_DIR/pip.log" 2>&1; then
            tail -n 30 "$LOG_DIR/pip.log" >&2
            die 1 "pip install --no-deps (OCA addons, OCA checks) failed (full log: $LOG_DIR/pip.log)"
        fi
        printf '%s\n' "$want" >"$STAMP"
    fi
    # Odoo is not pip-installed: a .pth file puts $ODOO_SRC on the venv's path,
    # so the venv's pytest (pytest-odoo imports odoo) works without PYTHONPATH.
    purelib="$(find "$ASN_VENV/lib" -maxdepth 2 -type d -name site-packages | head -n 1 || true)"
    [[ -n "$purelib" ]] || die 1 "no site-packages directory in $ASN_VENV"
    pth="$purelib/hr_asn_appraisal_odoo_src.pth"
    if [[ ! -f "$pth" || "$(cat "$pth")" != "$(cd "$ODOO_SRC" && pwd -P)" ]]; then
        (cd "$ODOO_SRC" && pwd -P) >"$pth"
    fi
}

# ---------------------------------------------------------------- 3. PostgreSQL

pg_ready() { pg_isready -q -h "$1" -p "$2" -t "${3:-3}" >/dev/null 2>&1; }

psql_q() {
    # psql_q SQL: one query on the resolved server, unaligned output
    psql -X -q -w -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -Atc "$1"
}

pg_check_login() {
    # can DB_USER log in, and may it create databases?
    local err can
    if ! err="$(psql_q 'select 1' 2>&1 >/dev/null)"; then
        printf '%s' "$err"
        return 1
    fi
    can="$(psql_q 'select rolsuper or rolcreatedb from pg_roles where rolname = current_user' 2>/dev/null || true)"
    if [[ "$can" != t ]]; then
        warn "PostgreSQL role $DB_USER may not create databases (Odoo needs CREATEDB)"
    fi
}

pg_external() {
    DB_HOST="${ASN_DB_HOST:-$PG_SOCKET_DEFAULT}"
    DB_PORT="${ASN_DB_PORT:-5432}"
    local where="$DB_HOST:$DB_PORT" err
    if have pg_isready; then
        if ! pg_ready "$DB_HOST" "$DB_PORT" 3; then
            die 3 "PostgreSQL unusable: no server answers at $where (ASN_DB_HOST/ASN_DB_PORT are set, so dev.sh starts nothing). Start that server, fix the knobs, or unset them to let dev.sh find or create a local one."
        fi
    elif [[ "$DB_HOST" != /* ]]; then
        if ! timeout 3 bash -c "exec 3<>/dev/tcp/$DB_HOST/$DB_PORT" 2>/dev/null; then
            die 3 "PostgreSQL unusable: nothing listens at $where (ASN_DB_HOST/ASN_DB_PORT are set, so dev.sh starts nothing)."
        fi
    fi
    if ! have psql; then
        apt_install postgresql-client || die 3 "PostgreSQL unusable: psql is missing and postgresql-client could not be installed"
    fi
    if ! err="$(pg_check_login)"; then
        die 3 "PostgreSQL unusable: cannot log in to $where as role $DB_USER: $err"
    fi
}

pg_ensure_role() {
    # on a cluster we manage: create role DB_USER (superuser) when it is missing
    local err
    if err="$(pg_check_login)"; then
        return 0
    fi
    if [[ "$err" != *"does not exist"* ]]; then
        die 3 "PostgreSQL unusable: cannot log in to $DB_HOST:$DB_PORT as $DB_USER: $err"
    fi
    if [[ "$DB_USER" == postgres ]]; then
        die 3 "PostgreSQL unusable: Odoo refuses to run as the postgres role; set ASN_DB_USER"
    fi
    say "creating PostgreSQL role $DB_USER (superuser) on $DB_HOST:$DB_PORT"
    if ! as_postgres psql -X -q -h "$DB_HOST" -p "$DB_PORT" -d postgres \
        -c "CREATE ROLE \"$DB_USER\" LOGIN SUPERUSER" >/dev/null; then
        die 3 "PostgreSQL unusable: role $DB_USER is missing and could not be created; run as root: runuser -u postgres -- createuser -s $DB_USER"
    fi
    err="$(pg_check_login)" || die 3 "PostgreSQL unusable: cannot log in to $DB_HOST:$DB_PORT as $DB_USER: $err"
}

pg_wait() {
    local _
    for _ in $(seq 1 30); do
        pg_ready "$1" "$2" 1 && return 0
        sleep 1
    done
    return 1
}

pg_debian_cluster() {
    # use (starting it if needed) a Debian cluster; returns 1 when there is none
    local ver name port status line down=""
    have pg_lsclusters || return 1
    while read -r ver name port status _; do
        [[ -n "$ver" ]] || continue
        if [[ "$status" == online* ]]; then
            DB_HOST="$PG_SOCKET_DEFAULT"
            DB_PORT="$port"
            return 0
        fi
        [[ -n "$down" ]] || down="$ver $name $port"
    done < <(pg_lsclusters -h 2>/dev/null || true)
    [[ -n "$down" ]] || return 1
    read -r ver name port <<<"$down"
    say "starting the stopped PostgreSQL cluster $ver/$name (port $port)"
    if ! as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start; then
        die 3 "PostgreSQL unusable: could not start cluster $ver/$name (pg_ctlcluster --skip-systemctl-redirect $ver $name start failed; see /var/log/postgresql/)"
    fi
    pg_wait "$PG_SOCKET_DEFAULT" "$port" ||
        die 3 "PostgreSQL unusable: cluster $ver/$name started but does not answer on port $port"
    DB_HOST="$PG_SOCKET_DEFAULT"
    DB_PORT="$port"
}

pg_local_cluster() {
    # a project-local cluster in $ASN_STATE/pgdata (socket only, no TCP)
    local bindir base data sock port runas=() log
    bindir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)"
    [[ -x "$bindir/initdb" ]] || die 3 "PostgreSQL unusable: no initdb under /usr/lib/postgresql/*/bin"
    base="$ASN_STATE"
    if [[ "$(id -u)" == 0 ]]; then
        runas=(runuser -u postgres --)
        id postgres >/dev/null 2>&1 || die 3 "PostgreSQL unusable: user postgres is missing (needed to run a cluster as root)"
        if ! runuser -u postgres -- test -x "$base"; then
            # the postgres user cannot reach $ASN_STATE (e.g. under /root)
            base="/var/tmp/hr_asn_appraisal-pg-$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-10)"
            say "the postgres user cannot reach $ASN_STATE; the local cluster lives in $base"
        fi
    fi
    data="$base/pgdata"
    sock="$base/pgsock"
    log="$base/pgdata.log"
    mkdir -p "$base" "$sock"
    if [[ ! -f "$data/PG_VERSION" ]]; then
        say "creating a project-local PostgreSQL cluster in $data"
        mkdir -p "$data"
        [[ "${#runas[@]}" -gt 0 ]] && chown postgres: "$data" "$sock"
        if ! "${runas[@]}" "$bindir/initdb" -D "$data" -U "$DB_USER" --auth=trust \
            -E UTF8 --locale=C.UTF-8 >"$LOG_DIR/initdb.log" 2>&1; then
            cat "$LOG_DIR/initdb.log" >&2
            die 3 "PostgreSQL unusable: initdb failed in $data"
        fi
    fi
    if [[ -f "$base/pgport" ]]; then
        port="$(cat "$base/pgport")"
    else
        port="$(free_port 5433)"
        printf '%s\n' "$port" >"$base/pgport"
    fi
    if ! pg_ready "$sock" "$port" 1; then
        say "starting the project-local PostgreSQL cluster ($data, socket $sock, port $port)"
        [[ "${#runas[@]}" -gt 0 ]] && touch "$log" && chown postgres: "$log"
        if ! "${runas[@]}" "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 30 \
            -o "-p $port -k $sock -c listen_addresses=''" start >/dev/null; then
            tail -n 20 "$log" >&2 || true
            die 3 "PostgreSQL unusable: pg_ctl could not start the cluster in $data (log: $log)"
        fi
    fi
    DB_HOST="$sock"
    DB_PORT="$port"
}

setup_postgres() {
    DB_USER="${ASN_DB_USER:-$(id -un)}"
    if [[ -n "$ASN_DB_HOST" || -n "$ASN_DB_PORT" ]]; then
        pg_external
        return
    fi
    local attempt
    for attempt in 1 2; do
        if have pg_isready && pg_ready "$PG_SOCKET_DEFAULT" 5432 2; then
            DB_HOST="$PG_SOCKET_DEFAULT"
            DB_PORT=5432
            break
        fi
        if pg_debian_cluster; then
            break
        fi
        if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
            pg_local_cluster
            break
        fi
        if [[ "$attempt" == 2 ]]; then
            die 3 "PostgreSQL unusable: the server is still missing after installing it"
        fi
        say "no PostgreSQL server found; installing Debian's postgresql"
        apt_install postgresql ||
            die 3 "PostgreSQL unusable: no server, and apt-get install postgresql failed (run as root, or set ASN_DB_HOST/ASN_DB_PORT to a server you have)"
    done
    have psql || die 3 "PostgreSQL unusable: psql is missing (apt-get install postgresql-client)"
    pg_ensure_role
}

pg_env() {
    # for createdb/dropdb/psql and for Odoo's children
    export PGHOST="$DB_HOST" PGPORT="$DB_PORT" PGUSER="$DB_USER"
}

db_exists() {
    [[ "$(psql_q "select 1 from pg_database where datname = '$1'")" == 1 ]]
}

addon_installed() {
    [[ "$(psql -X -q -w -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$1" -Atc \
        "select state from ir_module_module where name = '$ADDON'" 2>/dev/null || true)" == installed ]]
}

drop_db() {
    if ! dropdb --if-exists -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" "$1" 2>"$LOG_DIR/dropdb.log"; then
        cat "$LOG_DIR/dropdb.log" >&2
        die 1 "could not drop database $1 (is an Odoo server still connected to it?)"
    fi
    rm -rf "${ASN_STATE:?}/filestore/filestore/$1"
}

# ---------------------------------------------------------------- 4. system packages

setup_system_packages() {
    if ! have chromium && ! have chromium-browser; then
        apt_install chromium ||
            die 1 "chromium is needed for Odoo's browser tests (tours) and apt-get install chromium failed"
    fi
    if ! have wkhtmltopdf; then
        apt_install wkhtmltopdf ||
            warn "wkhtmltopdf is missing and could not be installed: PDF reports will not render"
    fi
    if ! have pdftotext; then
        apt_install poppler-utils ||
            warn "pdftotext (poppler-utils) is missing: the PDF report tests fall back to PyPDF2"
    fi
}

# ---------------------------------------------------------------- 5. odoo.conf

write_conf() {
    local pw_file="$ASN_STATE/admin_passwd" tmp oca_addons
    if [[ ! -s "$pw_file" ]]; then
        (umask 077 && head -c 32 /dev/urandom | sha256sum | cut -c1-24 >"$pw_file")
    fi
    # pip-installed OCA addons (requirements-addons.txt) live in the venv's
    # odoo/addons, which Odoo only scans when it is on the addons path
    oca_addons="$("$VPY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo/addons"
    [[ -d "$oca_addons/report_xlsx" ]] ||
        die 1 "report_xlsx is not installed in $ASN_VENV ($oca_addons); remove $STAMP and rerun ./dev.sh setup"
    tmp="$CONF.tmp"
    cat >"$tmp" <<EOF
; generated by dev.sh - edits are overwritten on the next run
[options]
addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$oca_addons,$REPO_ROOT
data_dir = $ASN_STATE/filestore
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = False
http_port = $ASN_PORT
list_db = True
without_demo = False
admin_passwd = $(cat "$pw_file")
EOF
    mv -f "$tmp" "$CONF"
}

# ---------------------------------------------------------------- setup

setup_dirs() {
    mkdir -p "$ASN_STATE" "$LOG_DIR" "$ASN_STATE/filestore"
}

setup_all() {
    # setup_all [--system]: every step; --system adds chromium/wkhtmltopdf
    check_odoo
    setup_dirs
    setup_postgres
    pg_env
    setup_venv
    if [[ "${1:-}" == --system ]]; then
        setup_system_packages
    fi
    write_conf
}

odoo_bin() {
    PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$VPY" "$ODOO_SRC/odoo-bin" "$@"
}

odoo_bin_python() {
    # a Python script that imports odoo, with the venv and $ODOO_SRC
    PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$VPY" "$@"
}

# ---------------------------------------------------------------- commands

cmd_setup() {
    local t0
    t0="$(now)"
    setup_all --system
    say "ready in $(elapsed "$t0"): venv $ASN_VENV, PostgreSQL $DB_HOST:$DB_PORT as $DB_USER, config $CONF"
}

print_logins() {
    # hr_asn_appraisal/demo/LOGINS.txt: "role<TAB>login<TAB>password" lines
    # (tabs or 2+ spaces between columns; an optional "role login password"
    # header and #-comments are skipped)
    local file="$REPO_ROOT/$ADDON/demo/LOGINS.txt"
    say "demo logins:"
    if [[ ! -f "$file" ]]; then
        printf '    %-16s %-16s %s\n' role login password administrator admin admin
        return 0
    fi
    awk '
        { sub(/\r$/, "") }
        /^[[:space:]]*(#|$)/ { next }
        {
            n = split($0, f, /\t+|[ ][ ]+/)
            if (n < 3) n = split($0, f, /[[:space:]]+/)
            if (tolower(f[1]) == "role" && tolower(f[2]) == "login") next
            rows++; role[rows] = f[1]; login[rows] = f[2]; pw[rows] = f[3]
            if (length(f[1]) > w1) w1 = length(f[1])
            if (length(f[2]) > w2) w2 = length(f[2])
        }
        END {
            if (w1 < 4) w1 = 4
            if (w2 < 5) w2 = 5
            printf "    %-" w1 "s  %-" w2 "s  %s\n", "role", "login", "password"
            for (i = 1; i <= rows; i++)
                printf "    %-" w1 "s  %-" w2 "s  %s\n", role[i], login[i], pw[i]
        }' "$file"
}

cmd_demo() {
    local reset=0 arg who
    for arg in "$@"; do
        case "$arg" in
            --reset) reset=1 ;;
            *) die 64 "unknown demo option: $arg (usage: ./dev.sh demo [--reset])" ;;
        esac
    done
    check_odoo
    if who="$(port_listener "$ASN_PORT")"; then
        die 4 "port $ASN_PORT is busy (used by $who); stop it or set ASN_PORT, e.g. ASN_PORT=8070 ./dev.sh demo"
    fi
    setup_all
    if [[ "$reset" == 1 ]] && db_exists "$ASN_DB"; then
        say "--reset: dropping database $ASN_DB"
        drop_db "$ASN_DB"
    fi
    if ! db_exists "$ASN_DB"; then
        local log="$LOG_DIR/odoo-demo-init.log" t0
        t0="$(now)"
        say "creating demo database $ASN_DB with $ADDON and demo data, in Indonesian (log: $log)"
        # The demo is an Indonesian office: Indonesian is loaded with base, so
        # that every module's terms come with it and the chatter the demo data
        # posts is written in Indonesian (the demo data sets the users' language).
        if ! odoo_bin -c "$CONF" -d "$ASN_DB" -i "$ADDON" --load-language id_ID \
            --stop-after-init --http-port "$ASN_PORT" >"$log" 2>&1; then
            grep -E ' (ERROR|CRITICAL) |Traceback' -A 15 "$log" | tail -n 60 >&2 || tail -n 40 "$log" >&2
            drop_db "$ASN_DB"
            die 1 "installing $ADDON into $ASN_DB failed (log: $log); the half-made database was dropped"
        fi
        say "demo database ready in $(elapsed "$t0")"
    elif ! addon_installed "$ASN_DB"; then
        die 1 "database $ASN_DB exists but $ADDON is not installed in it; run ./dev.sh demo --reset to recreate it"
    else
        say "reusing demo database $ASN_DB (./dev.sh demo --reset recreates it)"
    fi
    say "Odoo starts on http://localhost:$ASN_PORT  (Ctrl-C stops it)"
    print_logins
    exec env PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$VPY" "$ODOO_SRC/odoo-bin" \
        -c "$CONF" -d "$ASN_DB" --http-port "$ASN_PORT" --db-filter "^${ASN_DB}\$"
}

cmd_shell() {
    setup_all
    db_exists "$ASN_DB" || die 1 "demo database $ASN_DB does not exist yet; run ./dev.sh demo first"
    exec env PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$VPY" "$ODOO_SRC/odoo-bin" \
        shell -c "$CONF" -d "$ASN_DB" --no-http "$@"
}

bench_db_installed() {
    # $1 database, $2 module: installed?
    [[ "$(psql -X -q -w -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$1" -Atc \
        "select state from ir_module_module where name = '$2'" 2>/dev/null || true)" == installed ]]
}

cmd_bench() {
    local benches=() f rc=0 db="$ASN_BENCH_DB" prev="" arg install=()
    setup_all
    for arg in "$@"; do
        if [[ "$prev" == -d || "$prev" == --database ]]; then
            db="$arg"
        fi
        prev="$arg"
    done
    install_bench_requirements
    if ! db_exists "$db" || ! bench_db_installed "$db" "$ADDON"; then
        install=(-i "$ADDON,hr_appraisal_oca")
    elif ! bench_db_installed "$db" hr_appraisal_oca; then
        install=(-i hr_appraisal_oca)
    fi
    if [[ -n "${ASN_BENCH_UPDATE:-}" ]]; then
        install+=(-u "$ADDON")
    fi
    if [[ "${#install[@]}" != 0 ]]; then
        say "benchmark database $db: ${install[*]} (log: $LOG_DIR/bench-db.log)"
        odoo_bin -c "$CONF" -d "$db" "${install[@]}" --without-demo=all \
            --stop-after-init --no-http --log-level=warn >"$LOG_DIR/bench-db.log" 2>&1 ||
            die 1 "could not prepare the benchmark database $db (log: $LOG_DIR/bench-db.log)"
    fi
    if [[ -d "$REPO_ROOT/tests/benchmarks" ]]; then
        while IFS= read -r f; do
            benches+=("$f")
        done < <(find "$REPO_ROOT/tests/benchmarks" -maxdepth 1 -name 'bench_*.py' | sort)
    fi
    if [[ -n "${ASN_BENCH_ONLY:-}" ]]; then
        # ASN_BENCH_ONLY=generation,batches runs bench_generation.py and bench_batches.py
        local only=() wanted
        for f in "${benches[@]}"; do
            for wanted in ${ASN_BENCH_ONLY//,/ }; do
                [[ "$(basename "$f")" == "bench_$wanted.py" ]] && only+=("$f")
            done
        done
        benches=("${only[@]}")
    fi
    if [[ "${#benches[@]}" == 0 ]]; then
        say "no benchmarks yet (tests/benchmarks/bench_*.py); nothing to run"
        return 0
    fi
    for f in "${benches[@]}"; do
        say "bench ${f#"$REPO_ROOT"/}"
        PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" ASN_BENCH_DB="$db" \
            "$VPY" "$f" -c "$CONF" "$@" || {
            warn "${f#"$REPO_ROOT"/} exited with $?"
            rc=1
        }
    done
    return "$rc"
}

install_bench_requirements() {
    local reqs="$REPO_ROOT/requirements-bench.txt"
    [[ -f "$reqs" ]] || return 0
    # --no-deps: the OCA peer's wheel requires odoo==18.0.*, which no index has.
    "$VPY" -m pip install --disable-pip-version-check --progress-bar off -q \
        --prefer-binary --no-deps -r "$reqs" >"$LOG_DIR/pip-bench.log" 2>&1 || {
        tail -n 20 "$LOG_DIR/pip-bench.log" >&2
        die 1 "pip install -r requirements-bench.txt failed (log: $LOG_DIR/pip-bench.log)"
    }
}

cmd_load() {
    local reset=0 args=() port who log t0
    for arg in "$@"; do
        case "$arg" in
            --reset) reset=1 ;;
            *) args+=("$arg") ;;
        esac
    done
    check_odoo
    for port in "$ASN_LOAD_PORT" $((ASN_LOAD_PORT + 1)) $((ASN_LOAD_PORT + 2)) \
        $((ASN_LOAD_PORT + 10)) $((ASN_LOAD_PORT + 11)) $((ASN_LOAD_PORT + 12)); do
        if who="$(port_listener "$port")"; then
            die 4 "port $port is busy (used by $who); set ASN_LOAD_PORT to a free range"
        fi
    done
    setup_all
    install_bench_requirements
    if [[ "$reset" == 1 ]] && db_exists "$ASN_LOAD_DB"; then
        say "--reset: dropping database $ASN_LOAD_DB"
        drop_db "$ASN_LOAD_DB"
    fi
    if ! db_exists "$ASN_LOAD_DB"; then
        log="$LOG_DIR/odoo-load-init.log"
        t0="$(now)"
        say "creating database $ASN_LOAD_DB with $ADDON, without demo data (log: $log)"
        if ! odoo_bin -c "$CONF" -d "$ASN_LOAD_DB" -i "$ADDON" --without-demo=all \
            --stop-after-init --http-port "$ASN_LOAD_PORT" --max-cron-threads 0 >"$log" 2>&1; then
            grep -E ' (ERROR|CRITICAL) |Traceback' -A 15 "$log" | tail -n 60 >&2 || tail -n 40 "$log" >&2
            drop_db "$ASN_LOAD_DB"
            die 1 "installing $ADDON into $ASN_LOAD_DB failed (log: $log)"
        fi
        say "database ready in $(elapsed "$t0")"
    elif ! addon_installed "$ASN_LOAD_DB"; then
        die 1 "database $ASN_LOAD_DB exists without $ADDON; run ./dev.sh load --reset"
    else
        say "reusing database $ASN_LOAD_DB (each run adds its own users and SKPs; --reset recreates it)"
    fi
    # The script starts the Odoo servers in their own process groups and stops
    # them on exit, Ctrl-C or SIGTERM; exec so that those signals reach it.
    exec env PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$VPY" \
        "$REPO_ROOT/tests/benchmarks/load_rpc.py" -c "$CONF" -d "$ASN_LOAD_DB" \
        --odoo-src "$ODOO_SRC" --port "$ASN_LOAD_PORT" --gevent-port $((ASN_LOAD_PORT + 10)) \
        --log-dir "$LOG_DIR" ${args[@]+"${args[@]}"}
}

# --- test

RULES_PASSED=0 RULES_FAILED=0 RULES_LINE="" RULES_TIME=""
ODOO_RUN=0 ODOO_FAILED=0 ODOO_LINE="" ODOO_TIME=""
UP_RUN=0 UP_FAILED=0 UP_LINE="" UP_TIME=""
PYTEST_PASSED=0 PYTEST_FAILED=0 PYTEST_LINE="" PYTEST_TIME=""
LINT_FAILED=0 LINT_LINE="" LINT_TIME=""
STAGES=5

pytest_counts() {
    # pytest_counts LOG: "<passed> <failed>" from pytest's closing line
    local last passed=0 failed=0
    last="$(grep -E '^=*[[:space:]]*[0-9]+ (passed|failed|error|errors|skipped|deselected)' "$1" | tail -n 1 || true)"
    if [[ "$last" =~ ([0-9]+)\ passed ]]; then passed="${BASH_REMATCH[1]}"; fi
    if [[ "$last" =~ ([0-9]+)\ failed ]]; then failed=$((failed + BASH_REMATCH[1])); fi
    if [[ "$last" =~ ([0-9]+)\ errors? ]]; then failed=$((failed + BASH_REMATCH[1])); fi
    printf '%s %s' "$passed" "$failed"
}

stage_rules() {
    # The pure rules (hr_asn_appraisal/rules/) and their table tests: plain
    # pytest, no Odoo (-p no:odoo keeps pytest-odoo from importing it), no
    # database; a couple of seconds.
    local log="$LOG_DIR/rules.log" rc=0 counts t0
    t0="$(now)"
    say "[1/$STAGES] rules: pytest tests/rules, without Odoo or a database (log: $log)"
    set +e
    (cd "$REPO_ROOT" && "$VPY" -m pytest -p no:odoo -p no:cacheprovider -q tests/rules) \
        >"$log" 2>&1
    rc=$?
    set -e
    read -r RULES_PASSED RULES_FAILED <<<"$(pytest_counts "$log")"
    if [[ "$rc" != 0 ]]; then
        [[ "$RULES_FAILED" == 0 ]] && RULES_FAILED=1
        sed 's/^/    /' "$log" | tail -n 60 || true
    fi
    RULES_LINE="rules (plain pytest): $RULES_PASSED passed, $RULES_FAILED failed"
    [[ "$rc" != 0 ]] && RULES_LINE+=" (exit $rc)"
    RULES_TIME="$(elapsed "$t0")"
}

odoo_log_result() {
    # odoo_log_result LOG EXIT: "<run> <failed> <note>" of an Odoo test log,
    # printing its ERROR/CRITICAL records and failures (first 80 lines)
    local log="$1" rc="$2" summary f=0 e=0 t=0 problems=0 failed note=""
    # Odoo's result line: "<F> failed, <E> error(s) of <N> tests ..."
    summary="$(grep -E '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" | tail -n 1 || true)"
    if [[ "$summary" =~ ([0-9]+)\ failed,\ ([0-9]+)\ error\(s\)\ of\ ([0-9]+)\ tests ]]; then
        f="${BASH_REMATCH[1]}" e="${BASH_REMATCH[2]}" t="${BASH_REMATCH[3]}"
    fi
    if grep -qE ' ERROR | CRITICAL |FAIL:|Traceback' "$log"; then
        problems=1
        say "Odoo log problems (first 80 lines; full log: $log):" >&2
        # each ERROR/CRITICAL record with its continuation lines (tracebacks)
        awk '/^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:,]+ [0-9]+ / {
                 show = / (ERROR|CRITICAL) /; head = $0; next_is_head = !show
                 if (show) print "    " $0
                 next
             }
             !show && /Traceback|FAIL:/ { show = 1; if (next_is_head) print "    " head }
             show { print "    " $0 }' "$log" | head -n 80 >&2 || true
    fi
    failed=$((f + e))
    if [[ "$rc" != 0 || "$problems" == 1 || "$t" == 0 ]]; then
        [[ "$failed" == 0 ]] && failed=1
    fi
    [[ "$rc" != 0 ]] && note+=" (exit $rc)"
    [[ "$rc" == 0 && "$problems" == 1 && "$((f + e))" == 0 ]] && note+=" (errors in the log)"
    [[ "$t" == 0 ]] && note+=" (no test ran)"
    printf '%s %s%s' "$t" "$failed" "$note"
}

stage_odoo() {
    local log="$LOG_DIR/odoo-test.log" port rc=0 result note t0 shards="${ASN_TEST_SHARDS:-2}"
    t0="$(now)"
    if [[ "$ASN_TEST_TAGS" == "/$ADDON" && "$shards" == 2 ]]; then
        stage_odoo_sharded
        ODOO_TIME="$(elapsed "$t0")"
        return 0
    fi
    port="$(free_port 18069)"
    say "[2/$STAGES] Odoo tests of $ADDON: fresh database $ASN_TEST_DB, --test-tags $ASN_TEST_TAGS (log: $log)"
    drop_db "$ASN_TEST_DB"
    odoo_bin -c "$CONF" -d "$ASN_TEST_DB" -i "$ADDON" --test-enable \
        --test-tags "$ASN_TEST_TAGS" --stop-after-init --http-port "$port" \
        --max-cron-threads 0 --log-level=test >"$log" 2>&1 || rc=$?
    result="$(odoo_log_result "$log" "$rc")"
    read -r ODOO_RUN ODOO_FAILED note <<<"$result"
    ODOO_LINE="odoo tests ($ADDON): $ODOO_RUN run, $ODOO_FAILED failed${note:+ $note}"
    [[ "$ODOO_RUN" == 0 ]] && ODOO_LINE+=" (install failed or --test-tags matched nothing)"
    ODOO_TIME="$(elapsed "$t0")"
}

stage_odoo_sharded() {
    # The whole suite in two Odoo processes at once, one per core, each on its
    # own fresh database and HTTP port (tests/upstream/shard_tags.py splits
    # the test classes; each class runs in exactly one shard). The first
    # shard's database is $ASN_TEST_DB, which the later stages use.
    local i db log port tags pids=() rcs=() result run failed note notes=""
    local dbs=("$ASN_TEST_DB" "${ASN_TEST_DB}_shard2") logs=("$LOG_DIR/odoo-test.log" "$LOG_DIR/odoo-test-2.log")
    say "[2/$STAGES] Odoo tests of $ADDON in 2 shards at once: fresh databases ${dbs[*]} (logs: ${logs[*]})"
    for i in 0 1; do
        db="${dbs[$i]}" log="${logs[$i]}"
        tags="$("$VPY" "$REPO_ROOT/tests/upstream/shard_tags.py" "$REPO_ROOT/$ADDON/tests" "$ADDON" 2 "$i")"
        port="$(free_port $((18069 + 200 * i)))"
        drop_db "$db"
        odoo_bin -c "$CONF" -d "$db" -i "$ADDON" --test-enable \
            --test-tags "$tags" --stop-after-init --http-port "$port" \
            --max-cron-threads 0 --log-level=test >"$log" 2>&1 &
        pids+=("$!")
        # let the first one take its port before the second looks for one
        sleep 2
    done
    for i in 0 1; do
        rcs[i]=0
        wait "${pids[$i]}" || rcs[i]=$?
    done
    ODOO_RUN=0 ODOO_FAILED=0
    for i in 0 1; do
        result="$(odoo_log_result "${logs[$i]}" "${rcs[$i]}")"
        read -r run failed note <<<"$result"
        [[ "$run" == 0 ]] && note+=" (shard $((i + 1)): install failed or no test matched)"
        ODOO_RUN=$((ODOO_RUN + run)) ODOO_FAILED=$((ODOO_FAILED + failed))
        notes+="${note:+ $note}"
    done
    ODOO_LINE="odoo tests ($ADDON, 2 shards): $ODOO_RUN run, $ODOO_FAILED failed$notes"
}

stage_upstream() {
    # Odoo's own tests of the modules the addon extends, run with the whole
    # registry of the test database loaded (the addon installed): odoo-bin
    # cannot do it, see tests/upstream/run_odoo_tests.py.
    local log="$LOG_DIR/odoo-upstream.log" port rc=0 result note t0
    t0="$(now)"
    if [[ -z "$UPSTREAM_TESTS" ]]; then
        say "[3/$STAGES] Odoo's own tests: skipped (ASN_TEST_TAGS narrows the run; ASN_UPSTREAM_TESTS=hr,hr_skills forces them)"
        UP_LINE="odoo's own tests: skipped"
        UP_TIME="$(elapsed "$t0")"
        return 0
    fi
    say "[3/$STAGES] Odoo's own tests of $UPSTREAM_TESTS with $ADDON installed, on $ASN_TEST_DB (log: $log)"
    if ! addon_installed "$ASN_TEST_DB"; then
        UP_FAILED=1
        UP_LINE="odoo's own tests ($UPSTREAM_TESTS): not run, $ADDON is not installed in $ASN_TEST_DB"
        UP_TIME="$(elapsed "$t0")"
        return 0
    fi
    port="$(free_port 18169)"
    odoo_bin_python "$REPO_ROOT/tests/upstream/run_odoo_tests.py" --modules "$UPSTREAM_TESTS" \
        -c "$CONF" -d "$ASN_TEST_DB" --http-port "$port" --max-cron-threads 0 \
        --log-level=test >"$log" 2>&1 || rc=$?
    result="$(odoo_log_result "$log" "$rc")"
    read -r UP_RUN UP_FAILED note <<<"$result"
    UP_LINE="odoo's own tests ($UPSTREAM_TESTS): $UP_RUN run, $UP_FAILED failed${note:+ $note}"
    UP_TIME="$(elapsed "$t0")"
}

stage_pytest() {
    local log="$LOG_DIR/pytest.log" rc=0 last n t0
    t0="$(now)"
    say "[4/$STAGES] pytest tests/ (log: $log)"
    set +e
    (
        cd "$REPO_ROOT" &&
            PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$VPY" -m pytest tests/ \
                --odoo-database="$ASN_TEST_DB" --odoo-config="$CONF" \
                -p no:cacheprovider -q --ignore=tests/benchmarks --ignore=tests/rules
    ) 2>&1 | tee "$log"
    rc="${PIPESTATUS[0]}"
    set -e
    read -r PYTEST_PASSED PYTEST_FAILED <<<"$(pytest_counts "$log")"
    last="$(grep -E '^=*[[:space:]]*[0-9]+ (passed|failed|error|errors|skipped|deselected)' "$log" | tail -n 1 || true)"
    case "$rc" in
        0) PYTEST_LINE="pytest: $PYTEST_PASSED passed, $PYTEST_FAILED failed" ;;
        5) PYTEST_LINE="pytest: no tests collected (exit 5) - counted as ok, nothing failed" ;;
        *)
            [[ "$PYTEST_FAILED" == 0 ]] && PYTEST_FAILED=1
            PYTEST_LINE="pytest: $PYTEST_PASSED passed, $PYTEST_FAILED failed (exit $rc)"
            ;;
    esac
    if [[ "$last" =~ ([0-9]+)\ skipped ]]; then
        n="${BASH_REMATCH[1]}"
        PYTEST_LINE+=", $n skipped"
    fi
    PYTEST_TIME="$(elapsed "$t0")"
}

stage_lint() {
    # .pre-commit-config.yaml's hooks (OCA checks, ruff, pylint-odoo): every
    # file git tracks or would track (untracked but not ignored), so that a
    # new file is checked before it is added. pre-commit needs a git checkout.
    local log="$LOG_DIR/lint.log" rc=0 files=() f failed t0
    t0="$(now)"
    say "[5/$STAGES] lint: pre-commit run (OCA checks, ruff, pylint-odoo; log: $log)"
    if ! git -C "$REPO_ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        LINT_FAILED=1
        LINT_LINE="lint: not run ($REPO_ROOT is not a git checkout; pre-commit needs one)"
        LINT_TIME="$(elapsed "$t0")"
        return 0
    fi
    while IFS= read -r -d '' f; do
        [[ -e "$REPO_ROOT/$f" ]] && files+=("$f")
    done < <(git -C "$REPO_ROOT" ls-files -z --cached --others --exclude-standard)
    (cd "$REPO_ROOT" && PATH="$ASN_VENV/bin:$PATH" PRE_COMMIT_HOME="$ASN_STATE/pre-commit" \
        "$ASN_VENV/bin/pre-commit" run --verbose --color never --files "${files[@]}") \
        >"$log" 2>&1 || rc=$?
    if [[ "$rc" == 0 ]]; then
        LINT_LINE="lint (pre-commit, $(grep -c 'Passed$' "$log" || true) hooks): ok"
    else
        LINT_FAILED=1
        failed="$(grep -E '\.Failed$' "$log" | sed -E 's/\.{2,}Failed$//' | paste -sd, - || true)"
        sed 's/^/    /' "$log" | grep -v -E '^    - (hook id|duration):' | head -n 80 || true
        LINT_LINE="lint: FAILED (${failed:-pre-commit exit $rc}; log: $log)"
    fi
    LINT_TIME="$(elapsed "$t0")"
}

print_summary() {
    # print_summary T0 LINE TIME ...: the per-stage lines and the closing one
    local t0="$1" passed failed
    shift
    passed=$((RULES_PASSED + ODOO_RUN - ODOO_FAILED + UP_RUN - UP_FAILED + PYTEST_PASSED))
    ((passed < 0)) && passed=0
    failed=$((RULES_FAILED + ODOO_FAILED + UP_FAILED + PYTEST_FAILED + LINT_FAILED))
    echo
    say "---------------- summary ($(elapsed "$t0") in all) ----------------"
    printf '%-70s %8s\n' "$@"
    # CI reads this line: keep it "N passed, N failed"
    echo "summary: $passed passed, $failed failed"
    [[ "$failed" == 0 ]]
}

cmd_test() {
    local t0 only_rules=0
    case "${1:-}" in
        "") ;;
        --rules) only_rules=1 ;;
        *) die 64 "unknown test option: $1 (usage: ./dev.sh test [--rules]; narrow the Odoo run with ASN_TEST_TAGS)" ;;
    esac
    [[ $# -le 1 ]] || die 64 "./dev.sh test takes at most one option (--rules)"
    t0="$(now)"
    if [[ "$only_rules" == 1 ]]; then
        # the venv only: no PostgreSQL, no Odoo server, no system packages
        check_odoo
        setup_dirs
        setup_venv
        STAGES=1
        stage_rules
        print_summary "$t0" "$RULES_LINE" "$RULES_TIME"
        return
    fi
    # Odoo's own tests run by default; a narrowed ASN_TEST_TAGS (a subset of
    # the addon's tests) skips them unless ASN_UPSTREAM_TESTS asks for them
    if [[ -n "${ASN_UPSTREAM_TESTS+set}" ]]; then
        UPSTREAM_TESTS="$ASN_UPSTREAM_TESTS"
    elif [[ "$ASN_TEST_TAGS" == "/$ADDON" ]]; then
        UPSTREAM_TESTS="$UPSTREAM_TESTS_DEFAULT"
    else
        UPSTREAM_TESTS=""
    fi
    check_odoo
    setup_dirs
    setup_venv
    stage_rules
    setup_all --system
    say "setup done in $(elapsed "$t0")"
    stage_odoo
    stage_upstream
    stage_pytest
    stage_lint
    print_summary "$t0" "$RULES_LINE" "$RULES_TIME" "$ODOO_LINE" "$ODOO_TIME" \
        "$UP_LINE" "$UP_TIME" "$PYTEST_LINE" "$PYTEST_TIME" "$LINT_LINE" "$LINT_TIME"
}

main() {
    local cmd="${1:-help}"
    [[ $# -gt 0 ]] && shift
    case "$cmd" in
        demo) cmd_demo "$@" ;;
        test) cmd_test "$@" ;;
        setup) cmd_setup "$@" ;;
        shell) cmd_shell "$@" ;;
        bench) cmd_bench "$@" ;;
        load) cmd_load "$@" ;;
        help | -h | --help) usage ;;
        *)
            usage >&2
            die 64 "unknown command: $cmd"
            ;;
    esac
}

main "$@"
