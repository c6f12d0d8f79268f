#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster on loopback and PALPA_TEST_PG naming it
# (PALPA_TEST_PG_RESTART: a command that restarts it):
#   scripts/with-postgres.sh ctest --test-dir build-test
# The cluster (Debian's postgresql package) lives in a temporary folder, listens on 127.0.0.1
# on a free port with trust authentication for the user "palpa", and is stopped and deleted
# when the command ends. As root, the server runs as the "postgres" system user.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: with-postgres.sh COMMAND [ARG...]" >&2; exit 2; }

bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$bindir" ] && [ -x "$bindir/initdb" ] ||
  { echo "with-postgres: no PostgreSQL server found under /usr/lib/postgresql (install postgresql)" >&2; exit 1; }

as_server=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "with-postgres: running as root but there is no postgres user" >&2; exit 1; }
  as_server=(runuser -u postgres --)
fi

dir="$(mktemp -d /tmp/palpa-pg.XXXXXX)"
chmod 0700 "$dir"
[ ${#as_server[@]} -eq 0 ] || chown postgres: "$dir"
data="$dir/data"
started=""
cleanup() {
  if [ -n "$started" ]; then
    "${as_server[@]}" "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_server[@]}" "$bindir/initdb" -D "$data" -U palpa --auth=trust -E UTF8 --locale=C.UTF-8 \
  --no-instructions >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; echo "with-postgres: initdb failed" >&2; exit 1; }

# A free port: try a few from a pid-dependent start; pg_ctl fails when the port is taken.
port=""
base=$(( 20000 + ($$ % 20000) ))
for try in $(seq 0 19); do
  p=$(( base + try * 7 ))
  (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue  # something listens there
  if "${as_server[@]}" "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
       -o "-k $dir -p $p -h 127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null 2>&1; then
    port="$p"
    started=1
    break
  fi
done
[ -n "$port" ] || { cat "$dir/server.log" >&2 2>/dev/null; echo "with-postgres: could not start the server" >&2; exit 1; }

export PALPA_TEST_PG="postgresql://palpa@127.0.0.1:$port/postgres"
# A command that restarts this server (fault tests: scripts/class-load.sh), and one that stops it.
cat >"$dir/restart" <<RESTART
#!/bin/sh
exec ${as_server[*]} "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 -m fast \
  -o "-k $dir -p $port -h 127.0.0.1 -c fsync=off -c full_page_writes=off" restart
RESTART
chmod 0755 "$dir/restart"
export PALPA_TEST_PG_RESTART="$dir/restart"
echo "with-postgres: $("$bindir/postgres" --version) at $PALPA_TEST_PG" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
