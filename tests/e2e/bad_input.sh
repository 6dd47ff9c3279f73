#!/usr/bin/env bash
# bad_input.sh BUILD_DIR SOURCE_DIR - wrong files and arguments are refused cleanly.
#
# Every wrong config file, argument and database must give exactly one line
# on stderr naming the file (and, for a config file, the line and key),
# nothing on stdout, exit status 1 for an input error or 4 for a database
# that cannot be used, and leave the log untouched: the database files keep
# their bytes, and a database that did not exist is not created.
#
# All cases run; the failures are listed together at the end.
#
# Environment:
#   SQ_BAD_INPUT_DATABASE  the good log on a PostgreSQL server instead of a
#                          SQLite file: postgresql://.../NAME, an empty
#                          database whose role may create databases and
#                          roles. The server's own cases (a database of
#                          another program, a newer schema, a role without
#                          rights) then run too.
set -euo pipefail

BUILD=${1:?usage: bad_input.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: bad_input.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter

tmp=$(mktemp -d)
cleanup() {
	chmod -R u+rwx "$tmp" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

for tool in sqlite3 sha256sum; do
	command -v "$tool" >/dev/null || {
		echo "bad_input: FAIL: $tool is needed" >&2
		exit 1
	}
done

at_local_noon

mkdir "$tmp/data" "$tmp/cfg"
DB=${SQ_BAD_INPUT_DATABASE:-$tmp/data/queue.db}
GOOD=$tmp/cfg/good.ini
office_config "$DB" -e '/^display = /d' >"$GOOD"

# A log with something in it, that no refused command may touch. The first
# ticket's letter is lowercase: "a" is service A.
code=$("$KIOSK" --config "$GOOD" issue a 2>&1) || true
"$KIOSK" --config "$GOOD" issue B --priority elderly >/dev/null
"$COUNTER" --config "$GOOD" --counter 2 login somchai >/dev/null
"$COUNTER" --config "$GOOD" --counter 2 next >/dev/null

failures=()
passed=0
[[ $code =~ ^A[0-9]+$ ]] || failures+=("issue a: printed '$code', expected an A ticket")

# The bytes of every file in a folder, or of one file, or "absent"; the
# tables and rows of a server's database. The good log's folder stands for
# the good log wherever it is.
snapshot() {
	local path=$1
	[[ $path != "$tmp/data" || $DB == "$tmp/data/queue.db" ]] || snapshot "$DB"
	case $path in
	postgresql://*)
		sql "$path" "SELECT md5(coalesce(string_agg(table_name || query_to_xml('SELECT * FROM '
			|| quote_ident(table_name) || ' ORDER BY 1', false, false, '')::text, ''
			ORDER BY table_name), '')) FROM information_schema.tables
			WHERE table_schema = current_schema()"
		return
		;;
	esac
	if [[ -d $path ]]; then
		(cd "$path" && find . -maxdepth 1 -type f -print0 | sort -z | xargs -0r sha256sum)
	elif [[ -e $path ]]; then
		sha256sum <"$path"
	else
		echo absent
	fi
}

# expect NAME STATUS WATCHED [PATTERN...] -- COMMAND...
# Run COMMAND; it must exit STATUS with one stderr line holding every
# PATTERN (fixed strings), print nothing on stdout, and leave WATCHED (a
# folder, a file or a path that must stay absent) as it was.
expect() {
	local name=$1 want=$2 watched=$3 rc=0 before after lines p
	local -a patterns=() why=()
	shift 3
	while [[ $1 != -- ]]; do
		patterns+=("$1")
		shift
	done
	shift
	before=$(snapshot "$watched")
	"$@" >"$tmp/out" 2>"$tmp/err" </dev/null || rc=$?
	after=$(snapshot "$watched")
	lines=$(wc -l <"$tmp/err")
	((rc == want)) || why+=("exit $rc, expected $want")
	((lines == 1)) || why+=("$lines lines on stderr, expected 1")
	[[ ! -s $tmp/out ]] || why+=("stdout: $(head -c 200 "$tmp/out")")
	for p in "${patterns[@]}"; do
		grep -qF -- "$p" "$tmp/err" || why+=("stderr does not name '$p'")
	done
	[[ $before == "$after" ]] || why+=("$watched changed")
	if ((${#why[@]})); then
		failures+=("$name: $(printf '%s; ' "${why[@]}")command: ${*##*/}; stderr: $(head -c 600 "$tmp/err")")
	else
		passed=$((passed + 1))
	fi
}

# variant NAME: a copy of the good config, to be edited.
variant() {
	cp "$GOOD" "$tmp/cfg/$1.ini"
	echo "$tmp/cfg/$1.ini"
}

# lineof REGEX FILE: the number of the first line matching REGEX.
lineof() {
	grep -nE -m1 -- "$1" "$2" | cut -d: -f1
}

# config_case NAME FILE [PATTERN...]: both programs refuse FILE with status 1.
config_case() {
	local name=$1 file=$2
	shift 2
	expect "$name (kiosk)" 1 "$tmp/data" "$file" "$@" -- \
		"$KIOSK" --config "$file" issue A
	expect "$name (counter)" 1 "$tmp/data" "$file" "$@" -- \
		"$COUNTER" --config "$file" --counter 2 next
}

# --- config files ---------------------------------------------------------

config_case "missing config file" "$tmp/cfg/nowhere.ini"
[[ ! -e $tmp/cfg/nowhere.ini ]] || failures+=("missing config file: it was created")

: >"$tmp/cfg/empty.ini"
config_case "empty config file" "$tmp/cfg/empty.ini"

phone=$(lineof '^phone =' "$GOOD")

f=$(variant malformed)
sed -i "${phone}a this line is wrong" "$f"
config_case "malformed line" "$f" ":$((phone + 1)):"

f=$(variant unknown-key)
sed -i "${phone}a colour = red" "$f"
config_case "unknown key" "$f" ":$((phone + 1)):" "colour"

f=$(variant unknown-section)
printf '\n[gadget]\nx = 1\n' >>"$f"
config_case "unknown section" "$f" ":$(lineof '^\[gadget\]' "$f"):" "gadget"

f=$(variant duplicate-key)
sed -i "${phone}a phone = 0 2222 2222" "$f"
config_case "duplicate key" "$f" ":$((phone + 1)):" "phone"

f=$(variant no-such-service)
sed -i 's/^services = A, B$/services = A, Z/' "$f"
config_case "counter serves a service that does not exist" "$f" \
	":$(lineof '^services = A, Z' "$f"):" "services" "Z"

f=$(variant unserved-service)
sed -i -e 's/^services = C, D$/services = C/' -e 's/^services = D, C$/services = C/' "$f"
config_case "service no counter serves" "$f" ":$(lineof '^\[service D\]' "$f"):" "service D"

f=$(variant undefined-display)
sed -i '/^\[counter 2\]/a display = led9' "$f"
config_case "display referenced but not defined" "$f" \
	":$(lineof '^display = led9' "$f"):" "display" "led9"

f=$(variant bad-hours)
sed -i '0,/^hours = .*/s//hours = mon-fri 17:00-08:00/' "$f"
config_case "bad time range" "$f" ":$(lineof '^hours = mon-fri 17:00-08:00' "$f"):" "hours" \
	"17:00-08:00"

f=$(variant bad-timezone)
sed -i 's|^timezone = .*|timezone = Mars/Olympus_Mons|' "$f"
config_case "bad time zone" "$f" ":$(lineof '^timezone' "$f"):" "timezone" "Mars/Olympus_Mons"

# An empty path once wrote past the end of the folder name (valgrind, ASan).
config_case "empty config path" "" "unable to read config ''"

# --- command lines ----------------------------------------------------------

expect "unknown service" 1 "$tmp/data" "'Q'" "A, B, C, D" -- "$KIOSK" --config "$GOOD" issue Q
expect "unknown priority class" 1 "$tmp/data" "king" -- \
	"$KIOSK" --config "$GOOD" issue A --priority king
expect "unknown counter" 1 "$tmp/data" "counter 9" "$GOOD" -- \
	"$COUNTER" --config "$GOOD" --counter 9 next
expect "unknown counter verb" 1 "$tmp/data" "dance" -- \
	"$COUNTER" --config "$GOOD" --counter 2 dance
expect "unknown kiosk verb" 1 "$tmp/data" "dance" -- "$KIOSK" --config "$GOOD" dance A
expect "unknown service to transfer to" 1 "$tmp/data" "'Q'" -- \
	"$COUNTER" --config "$GOOD" --counter 2 transfer Q
for month in 2026-+1 2026-1 " 2026-01" 2026-01x 1999-12 2569-13; do
	expect "report --month '$month'" 1 "$tmp/data" "--month '$month'" -- \
		"$COUNTER" --config "$GOOD" report --month "$month" --format csv --out "$tmp/r.csv"
done
expect "report --out ''" 1 "$tmp/data" "--out" -- \
	"$COUNTER" --config "$GOOD" report --month 2026-01 --format csv --out ""
expect "backup --dir ''" 1 "$tmp/data" "--dir" -- "$COUNTER" --config "$GOOD" backup --dir ""
for n in " 2" "2 " "+2" "0x2" "" "2a" "100" "0"; do
	expect "--counter '$n' is not a plain number 1..99" 1 "$tmp/data" "--counter '$n'" -- \
		"$COUNTER" --config "$GOOD" --counter "$n" status
done
# Text that is not UTF-8 never reaches the append-only log (counter 2 holds
# a ticket, so each of these would be written if it were accepted).
expect "reason not UTF-8 (void)" 1 "$tmp/data" "reason is not valid UTF-8" -- \
	"$COUNTER" --config "$GOOD" --counter 2 void --reason $'wrong \xe0\xb8'
expect "reason not UTF-8 (call)" 1 "$tmp/data" "reason is not valid UTF-8" -- \
	"$COUNTER" --config "$GOOD" --counter 2 call A001 --reason $'\xff'
expect "reason not UTF-8 (recall)" 1 "$tmp/data" "reason is not valid UTF-8" -- \
	"$COUNTER" --config "$GOOD" --counter 2 recall --reason $'\xc0\xaf'
expect "officer id not UTF-8" 1 "$tmp/data" "officer id is not valid UTF-8" -- \
	"$COUNTER" --config "$GOOD" --counter 3 login $'som\xffchai'

# --- databases ---------------------------------------------------------------

# db_case NAME PATH WATCHED [PATTERN...]: a config pointing at database PATH
# is refused by both programs with status 4, naming PATH without its password.
db_case() {
	local name=$1 path=$2 watched=$3 cfg shown
	shift 3
	cfg=$tmp/cfg/db-$RANDOM.ini
	sed "s|^database = .*|database = $path|" "$GOOD" >"$cfg"
	shown=$(sed -E 's|^(postgres(ql)?://[^:/@]*):[^@/]*@|\1@|' <<<"$path")
	expect "$name (kiosk)" 4 "$watched" "$shown" "$@" -- "$KIOSK" --config "$cfg" issue A
	expect "$name (counter)" 4 "$watched" "$shown" "$@" -- \
		"$COUNTER" --config "$cfg" --counter 2 next
}

db_case "database folder does not exist" "$tmp/nowhere/queue.db" "$tmp/nowhere"
db_case "database under /proc" "/proc/saduak-$$/queue.db" "/proc/saduak-$$"
db_case "database under /proc (existing folder)" "/proc/self/saduak-queue.db" \
	"/proc/self/saduak-queue.db"
echo "a file, not a folder" >"$tmp/plainfile"
db_case "database folder is a regular file" "$tmp/plainfile/queue.db" "$tmp/plainfile"

mkdir "$tmp/random"
head -c 16384 /dev/urandom >"$tmp/random/queue.db"
db_case "database is not SQLite" "$tmp/random/queue.db" "$tmp/random"

mkdir "$tmp/other"
sqlite3 "$tmp/other/queue.db" 'CREATE TABLE foo (a); INSERT INTO foo VALUES (1);'
db_case "database of another program" "$tmp/other/queue.db" "$tmp/other"

# A PostgreSQL server: one that cannot be reached is status 4, naming the
# setting without its password; a setting libpq cannot read is status 1.
for prog in "$KIOSK issue A" "$COUNTER --counter 2 next"; do
	cfg=$tmp/cfg/db-server.ini
	sed "s|^database = .*|database = postgresql://saduak:secret@127.0.0.1:1/office|" "$GOOD" >"$cfg"
	# shellcheck disable=SC2086 # the program and its verb, split on purpose
	expect "database server unreachable (${prog%% *})" 4 "$tmp/data" \
		"database = postgresql://saduak@127.0.0.1:1/office: database server unreachable" -- \
		${prog%% *} --config "$cfg" ${prog#* }
	grep -q secret "$tmp/err" && failures+=("the server's password was shown: $(cat "$tmp/err")")
	sed "s|^database = .*|database = postgresql://saduak@office/saduak?colour=blue|" "$GOOD" >"$cfg"
	# shellcheck disable=SC2086
	expect "database setting malformed (${prog%% *})" 1 "$tmp/data" \
		"database = postgresql://saduak@office/saduak?colour=blue" -- ${prog%% *} --config "$cfg" ${prog#* }
done

# On a server: a database another program made, one whose schema is newer
# than these programs know, and a role given no rights (on the good log, and
# on an empty database where it would make the schema).
if [[ $DB != "$tmp/data/queue.db" ]]; then
	other=${DB%/*}/saduak_other
	sql "$DB" "CREATE DATABASE saduak_other"
	sql "$other" "CREATE TABLE foo (a integer); INSERT INTO foo VALUES (1)"
	db_case "database of another program (server)" "$other" "$other"

	newer=${DB%/*}/saduak_newer
	sql "$DB" "CREATE DATABASE saduak_newer"
	sed "s|^database = .*|database = $newer|" "$GOOD" >"$tmp/cfg/newer.ini"
	"$KIOSK" --config "$tmp/cfg/newer.ini" issue A >/dev/null
	sql "$newer" "UPDATE meta SET value = value + 1 WHERE key = 'schema_version'"
	db_case "newer schema (server)" "$newer" "$newer"

	sql "$DB" "CREATE ROLE saduak_nobody LOGIN PASSWORD 'secret'"
	nobody=postgresql://saduak_nobody:secret@${DB#postgresql://}
	db_case "role without rights (server)" "$nobody" "$tmp/data"
	grep -q secret "$tmp/err" && failures+=("the role's password was shown: $(cat "$tmp/err")")
	# Nor may it make the schema in an empty database: no table is left.
	empty=${DB%/*}/saduak_empty
	sql "$DB" "CREATE DATABASE saduak_empty"
	db_case "role without rights, empty database (server)" \
		"postgresql://saduak_nobody:secret@${empty#postgresql://}" "$empty"
fi

# A folder the user may not write. Root ignores permissions, so as root the
# programs run as nobody for this case.
mkdir "$tmp/readonly"
run_as=()
if (($(id -u) == 0)); then
	if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
		chown nobody "$tmp/readonly"
		chmod 0755 "$tmp" "$tmp/cfg"
		run_as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
	else
		echo "bad_input: skipping the read-only folder: root without setpriv" >&2
		run_as=(skip)
	fi
fi
chmod 0500 "$tmp/readonly"
if [[ ${run_as[0]:-} != skip ]]; then
	cfg=$tmp/cfg/readonly.ini
	sed "s|^database = .*|database = $tmp/readonly/queue.db|" "$GOOD" >"$cfg"
	chmod 0644 "$cfg"
	expect "database folder not writable (kiosk)" 4 "$tmp/readonly" "$tmp/readonly/queue.db" -- \
		"${run_as[@]}" "$KIOSK" --config "$cfg" issue A
	expect "database folder not writable (counter)" 4 "$tmp/readonly" \
		"$tmp/readonly/queue.db" -- "${run_as[@]}" "$COUNTER" --config "$cfg" --counter 2 next
fi

# The good log is still whole and in use.
if [[ $DB == "$tmp/data/queue.db" ]]; then
	[[ $(sql "$DB" 'PRAGMA integrity_check') == ok ]] || failures+=("the good log is damaged")
fi
[[ $(sql "$DB" 'SELECT count(*) FROM event') -eq 4 ]] ||
	failures+=("the good log has $(sql "$DB" 'SELECT count(*) FROM event') events, expected 4")

if ((${#failures[@]})); then
	printf 'bad_input: FAIL: %s\n' "${failures[@]}" >&2
	echo "bad_input: ${#failures[@]} failed, $passed passed" >&2
	exit 1
fi
echo "bad_input: ok: $passed cases"
