#!/bin/bash
# Run a command on a throw-away PostgreSQL server: pg_virtualenv (Debian's
# postgresql-common) in a folder of its own even as root (-t), on a port
# picked from this run's process id, so that runs started together (ctest -j,
# another build tree) do not all reach for the first free port at once.
set -euo pipefail
port=$((20000 + $$ % 20000))
exec pg_virtualenv -t -c "-p $port" "$@"
