# Sourced by the CI scripts that run the real server: `start_server NAME` starts
# `$binary serve` on a free port (in $port) with its own data folder ($DATA_DIR) and, when
# SERVER_POSTGRES_URL is set (a URL to connect to for creating and dropping databases), its own
# PostgreSQL database (in $DATABASE_URL, dropped on exit), otherwise its own SQLite database;
# `stop_server` stops it and sets status=1 when it had died. Needs $binary and $work.
server=""
databases=()
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null
    for database in "${databases[@]}"; do
        psql "$SERVER_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
unset DATABASE_URL

start_server() {
    export DATA_DIR="$work/$1"
    mkdir -p "$DATA_DIR"
    if [ -n "${SERVER_POSTGRES_URL:-}" ]; then
        local database="wijkbudget_ci_$$_$1" base="${SERVER_POSTGRES_URL%%\?*}" query=""
        [ "$base" != "$SERVER_POSTGRES_URL" ] && query="?${SERVER_POSTGRES_URL#*\?}"
        psql "$SERVER_POSTGRES_URL" -qc "CREATE DATABASE $database" >/dev/null
        databases+=("$database")
        export DATABASE_URL="${base%/*}/$database$query"
    fi
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    BIND="127.0.0.1:$port" "$binary" serve >"$DATA_DIR/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 150); do
        curl -sf "http://127.0.0.1:$port/ready" >/dev/null && return 0
        sleep 0.2
    done
    echo "the server did not start:"; cat "$DATA_DIR/server.log"; exit 1
}

stop_server() {
    if ! kill -0 "$server" 2>/dev/null; then
        echo "the server died; its log:"; cat "$DATA_DIR/server.log"; status=1
    fi
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
}
