#!/usr/bin/env bash
# Benchmark (not a test): 5,000 tables in 20 schemas, then time `walscope check` over all 20 schemas.
# Starts a throw-away PostgreSQL 15 (Debian's packages, as the test bed uses) on a free loopback port,
# as `nobody` when run as root. Usage: releng/bench-check/run.sh [tables-per-schema] [schemas]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
per="${1:-250}"; schemas="${2:-20}"
bin=/usr/lib/postgresql/15/bin
[ -x "$bin/postgres" ] || { echo "needs: apt-get install -y postgresql-15" >&2; exit 2; }
work="$(mktemp -d /tmp/walscope-bench-XXXXXX)"; chmod 755 "$work"
as() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown nobody "$work"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cleanup() { as "$bin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
as "$bin/initdb" -D "$work/data" -U bench -A trust --no-sync >/dev/null
cat >> "$work/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
wal_level = logical
max_replication_slots = 10
max_wal_senders = 10
fsync = off
max_locks_per_transaction = 256
CONF
as "$bin/pg_ctl" -D "$work/data" -l "$work/log" -o "-p $port" -w start >/dev/null
psql() { "$bin/psql" -h 127.0.0.1 -p "$port" -U bench -q -v ON_ERROR_STOP=1 "$@"; }
psql -d postgres -c "CREATE DATABASE bench"
start=$(date +%s.%N)
for s in $(seq 1 "$schemas"); do
psql -d bench <<SQL
DO \$\$
DECLARE sch text := 's' || lpad('$s', 2, '0');
BEGIN
  EXECUTE format('CREATE SCHEMA %I', sch);
  FOR t IN 1..$per LOOP
    EXECUTE format('CREATE TABLE %I.%I (id int %s, name text, payload jsonb, created timestamptz)',
                   sch, 't' || lpad(t::text, 4, '0'), CASE WHEN t % 10 = 0 THEN '' ELSE 'PRIMARY KEY' END);
    IF t % 3 = 0 THEN
      EXECUTE format('ALTER TABLE %I.%I REPLICA IDENTITY FULL', sch, 't' || lpad(t::text, 4, '0'));
    END IF;
  END LOOP;
END
\$\$;
SQL
done
echo "created $((per * schemas)) tables in $schemas schemas in $(echo "$(date +%s.%N) - $start" | bc) s"
args=(--host 127.0.0.1 --port "$port" --dbname bench --user bench --sslmode disable)
for s in $(seq -f 's%02g' 1 "$schemas"); do args+=(--schema "$s"); done
walscope="$repo/releng/walscope"
"$walscope" version >/dev/null  # builds the product if needed; warms the file cache
for round in 1 2 3; do
  t0=$(date +%s.%N)
  set +e; "$walscope" check "${args[@]}" --json > "$work/check.json"; code=$?; set -e
  t1=$(date +%s.%N)
  echo "round $round: walscope check --json over $((per * schemas)) tables: $(echo "$t1 - $t0" | bc) s (exit $code, $(grep -c '"id"' "$work/check.json") findings, $(wc -c < "$work/check.json") bytes)"
done
t0=$(date +%s.%N)
set +e; "$walscope" check "${args[@]}" > "$work/check.txt"; set -e
echo "readable: $(echo "$(date +%s.%N) - $t0" | bc) s; $(tail -n 2 "$work/check.txt" | head -n 1)"
t0=$(date +%s.%N); "$walscope" version > /dev/null; echo "for scale, 'walscope version' (JVM + OSGi start only): $(echo "$(date +%s.%N) - $t0" | bc) s"
