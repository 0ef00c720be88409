#!/usr/bin/env bash
# The soak benchmark of issue 30 (a benchmark, not a test). One Litestream accessory container
# replicates --databases SQLite files to s3proxy, --writers of them written every second; the
# packaged Litewatch jar watches it as its own process, with the JVM options of the Dockerfile,
# polling every 5 s. Per window (5 min) it reports Litewatch's RSS, open file descriptors and
# threads, polls completed against those the interval allows, the median and longest poll, the
# execs the Docker Engine started in the accessory, the S3 requests of Litewatch and of Litestream
# (each through its own counting proxy), notifications received by a webhook (0 expected) and the
# growth of Litewatch's store. The table goes to target/benchmark/soak/soak.md and is printed.
#
# Needs what the tests need (Docker Engine, the FROM-scratch Litestream images); it installs and
# starts them as scripts/test.sh does. Every process it starts logs under the out directory and is
# stopped on exit (the trap stops the driver, then any process it noted in pids/, by id, and the
# containers the tests' label marks).
#
#   scripts/benchmark-soak.sh                     # 60 minutes, Litestream 0.3.13
#   scripts/benchmark-soak.sh --minutes 10 --litestream 0.5.17
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=target/benchmark/soak
COMMAND="scripts/benchmark-soak.sh${*:+ $*}"
MINUTES=60
WINDOW_MINUTES=5
DATABASES=50
WRITERS=10
POLL_INTERVAL=5s
LITESTREAM_VERSION=0.3.13
SKIP_BUILD=
APP_JAVA_OPTIONS=
APP_PROPERTIES=()

usage() {
	cat <<'EOF2'
Usage: scripts/benchmark-soak.sh [options]
  --minutes N            how long the soak runs (default 60)
  --window-minutes N     length of a reported window (default 5; the first is the warm-up)
  --databases N          databases in the accessory (default 50)
  --writers N            of them written every second (default 10)
  --poll-interval D      Litewatch's poll interval (default 5s)
  --litestream V         0.3.13 (default) or 0.5.17
  --app-property K=V     a further Spring property for Litewatch (repeatable)
  --app-java-options O   JAVA_TOOL_OPTIONS for Litewatch instead of the Dockerfile's
  --out DIR              where logs, data and soak.md go (default target/benchmark/soak)
  --skip-build           use the jar and classes already in target/
EOF2
}

while (($#)); do
	case $1 in
	--minutes) MINUTES=$2; shift 2 ;;
	--window-minutes) WINDOW_MINUTES=$2; shift 2 ;;
	--databases) DATABASES=$2; shift 2 ;;
	--writers) WRITERS=$2; shift 2 ;;
	--poll-interval) POLL_INTERVAL=$2; shift 2 ;;
	--litestream) LITESTREAM_VERSION=$2; shift 2 ;;
	--app-property) APP_PROPERTIES+=(--app-property "$2"); shift 2 ;;
	--app-java-options) APP_JAVA_OPTIONS=$2; shift 2 ;;
	--out) OUT=$2; shift 2 ;;
	--skip-build) SKIP_BUILD=1; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
	esac
done

log() { printf '[benchmark-soak] %s\n' "$*" >&2; }

case $OUT in /*) ;; *) OUT=$ROOT/$OUT ;; esac
rm -rf "$OUT"
mkdir -p "$OUT"
DRIVER_PID=

stop_pid() {
	local pid=$1
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 40); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 1
	done
	kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
	local rc=$?
	[ -n "$DRIVER_PID" ] && stop_pid "$DRIVER_PID"
	if [ -d "$OUT/pids" ]; then
		for file in "$OUT"/pids/*.pid; do
			[ -e "$file" ] || continue
			local pid
			pid=$(cat "$file")
			if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -e "$ROOT" -e "docker events"; then
				log "stopping leftover $(basename "$file" .pid) ($pid)"
				stop_pid "$pid"
			fi
			rm -f "$file"
		done
	fi
	type litewatch_env_cleanup >/dev/null 2>&1 && litewatch_env_cleanup
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cd "$ROOT"
# shellcheck source=scripts/test-env.sh
source "$ROOT/scripts/test-env.sh"
litewatch_install_packages
litewatch_start_dockerd
if [ "$LITESTREAM_VERSION" = 0.5.17 ]; then litewatch_build_image05; else litewatch_build_image; fi
if [ -z "$SKIP_BUILD" ]; then
	log "building the jar and the test classes (log: $OUT/build.log)"
	timeout 20m ./mvnw -B -ntp -DskipTests package >"$OUT/build.log" 2>&1 ||
		{ log "build failed; last lines:"; tail -n 30 "$OUT/build.log" >&2; exit 1; }
fi
log "resolving the test classpath"
timeout 10m ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" \
	-Dmdep.includeScope=test >>"$OUT/build.log" 2>&1 ||
	{ log "classpath failed; see $OUT/build.log"; exit 1; }
JAR=$(ls "$ROOT"/target/litewatch-*.jar | grep -v '\.original$' | head -n 1)
[ -f "$ROOT/target/s3proxy/s3proxy.jar" ] || { log "target/s3proxy/s3proxy.jar missing: run without --skip-build"; exit 1; }
# The JVM options the image runs Litewatch with, read from the Dockerfile so they cannot drift.
JAVA_OPTS_DOCKERFILE=$(sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' "$ROOT/Dockerfile" | head -n 1)
APP_JAVA_OPTIONS=${APP_JAVA_OPTIONS:-$JAVA_OPTS_DOCKERFILE}
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	COMMIT="$COMMIT (with uncommitted changes)"
fi

log "soaking for $MINUTES min (log: $OUT/driver.log)"
: >"$OUT/driver.log"
timeout --signal=TERM --kill-after=60s "$((MINUTES + 10))m" \
	java -Xmx512m -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$OUT/classpath.txt")" \
	-Dlitewatch.it.s3proxy-jar="$ROOT/target/s3proxy/s3proxy.jar" \
	io.litewatch.bench.SoakBenchmark \
	--jar "$JAR" --out "$OUT" --minutes "$MINUTES" --window-minutes "$WINDOW_MINUTES" \
	--databases "$DATABASES" --writers "$WRITERS" --poll-interval "$POLL_INTERVAL" \
	--litestream "$LITESTREAM_VERSION" --java-tool-options "$APP_JAVA_OPTIONS" \
	${APP_PROPERTIES[@]+"${APP_PROPERTIES[@]}"} --command "$COMMAND" --commit "$COMMIT" \
	>"$OUT/driver.log" 2>&1 &
DRIVER_PID=$!
tail -n +1 --pid="$DRIVER_PID" -f "$OUT/driver.log" | grep --line-buffered '^\[benchmark' >&2 || true
set +e
wait "$DRIVER_PID"
rc=$?
set -e
DRIVER_PID=
if [ -f "$OUT/soak.md" ]; then
	log "table written to $OUT/soak.md"
else
	log "no table (exit $rc); last lines of $OUT/driver.log:"
	tail -n 40 "$OUT/driver.log" >&2
fi
exit "$rc"
