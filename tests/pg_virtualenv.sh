#!/bin/bash
# Run a command on a throw-away PostgreSQL server: pg_virtualenv (Debian's
# postgresql-common) in a folder of its own even as root (-t).
#
# The port is picked below the kernel's ephemeral range, so that no client
# connection of another test can hold it, and at random, so that runs started
# together (ctest -j, another build tree) rarely reach for the same one. When
# two do, or the port is taken anyway, the cluster does not start: that is
# seen because the command never began, and another port is tried. The
# command's own failure is never retried.
set -euo pipefail

read -r ephemeral_low _ </proc/sys/net/ipv4/ip_local_port_range
lowest=10000
((ephemeral_low > lowest + 1000)) || ephemeral_low=65535 lowest=40000
began=$(mktemp -u "${TMPDIR:-/tmp}/pg_virtualenv-began.XXXXXX")
trap 'rm -f "$began"' EXIT

for attempt in 1 2 3 4 5 6 7 8; do
	port=$((lowest + (RANDOM * 32768 + RANDOM + $$) % (ephemeral_low - lowest)))
	status=0
	pg_virtualenv -t -c "-p $port" \
		bash -c ': >"$1"; shift; exec "$@"' pg_virtualenv "$began" "$@" || status=$?
	if [[ -e $began || $status -eq 0 ]]; then
		exit "$status"
	fi
	echo "pg_virtualenv.sh: the server did not start on port $port (attempt $attempt of 8); trying another port" >&2
done
echo "pg_virtualenv.sh: no throw-away PostgreSQL server started in 8 attempts" >&2
exit 1
