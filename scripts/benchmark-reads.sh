#!/usr/bin/env bash
# What a fleet of uptime checkers costs: requests per second of /api/status (with a read token,
# the full JSON) against the stylesheet /css/litewatch.css, a static file, in the same wrk runs
# (2 threads, 16 connections, 10 s each, after a 10 s warm-up of each), with the image's JVM
# options. The app runs from target/classes with a config whose Docker Engine and S3 are closed
# ports, so every poll is critical (503, with its JSON body: what is measured is making and
# sending that body). A benchmark, not a test; the table goes to target/benchmark/reads.md.
# Installs Debian's wrk when missing. Leaves no process.
#
#   scripts/benchmark-reads.sh
#   scripts/benchmark-reads.sh --skip-build --rounds 3 --seconds 20
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/target/benchmark
SKIP_BUILD=
ROUNDS=3
SECONDS_EACH=10
while (($#)); do
	case $1 in
	--skip-build) SKIP_BUILD=1; shift ;;
	--rounds) ROUNDS=$2; shift 2 ;;
	--seconds) SECONDS_EACH=$2; shift 2 ;;
	--help|-h) sed -n '2,12p' "$0"; exit 0 ;;
	*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
	esac
done

cd "$ROOT"
mkdir -p "$OUT"
if ! command -v wrk >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >"$OUT/reads-wrk-install.log" 2>&1 \
			|| { echo "could not install wrk; see $OUT/reads-wrk-install.log" >&2; exit 1; }
	else
		echo "wrk is missing: sudo apt-get install -y wrk" >&2
		exit 1
	fi
fi
if [ -z "$SKIP_BUILD" ]; then
	timeout 15m ./mvnw -B -ntp -q compile >"$OUT/reads-build.log" 2>&1 \
		|| { echo "build failed; see $OUT/reads-build.log" >&2; exit 1; }
fi
if [ -z "$SKIP_BUILD" ] || [ ! -s "$OUT/runtime-classpath.txt" ]; then
	timeout 10m ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=runtime \
		-Dmdep.outputFile="$OUT/runtime-classpath.txt" >>"$OUT/reads-build.log" 2>&1 \
		|| { echo "classpath failed; see $OUT/reads-build.log" >&2; exit 1; }
fi

WORK=$(mktemp -d)
APP_PID=
cleanup() {
	if [ -n "$APP_PID" ]; then
		kill "$APP_PID" 2>/dev/null || true
		wait "$APP_PID" 2>/dev/null || true
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PORT=$(free_port)
CLOSED=$(free_port)
TOKEN=bench-token-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
HASH=sha256:$(printf %s "$TOKEN" | sha256sum | cut -d' ' -f1)
cat >"$WORK/litestream.yml" <<YAML
dbs:
  - path: $WORK/production.sqlite3
    replicas:
      - type: s3
        bucket: bench
        path: production
        endpoint: http://127.0.0.1:$CLOSED
        region: us-east-1
        force-path-style: true
YAML

# The image's JVM options (Dockerfile).
JAVA_TOOL_OPTIONS="-Xmx128m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=160m -XX:+ExitOnOutOfMemoryError" \
	java -cp "$ROOT/target/classes:$(cat "$OUT/runtime-classpath.txt")" io.litewatch.LitewatchApplication \
	--server.port="$PORT" --litewatch.litestream-config="$WORK/litestream.yml" --litewatch.data-dir="$WORK/data" \
	--litewatch.poll-interval=5s --litewatch.docker.host="tcp://127.0.0.1:$CLOSED" \
	--litewatch.s3.api-call-timeout=2s \
	--litewatch.security.tokens[0].name=bench --litewatch.security.tokens[0].hash="$HASH" \
	>"$OUT/reads-app.log" 2>&1 &
APP_PID=$!

STATUS="http://127.0.0.1:$PORT/api/status"
CSS="http://127.0.0.1:$PORT/css/litewatch.css"
for _ in $(seq 1 120); do
	if curl -s -m 2 -H "Authorization: Bearer $TOKEN" "$STATUS" 2>/dev/null | grep -q '"sequence":[0-9]'; then
		break
	fi
	kill -0 "$APP_PID" 2>/dev/null || { echo "the app stopped; see $OUT/reads-app.log" >&2; exit 1; }
	sleep 1
done
curl -s -m 2 -H "Authorization: Bearer $TOKEN" "$STATUS" | grep -q '"sequence":[0-9]' \
	|| { echo "no poll within 120 s; see $OUT/reads-app.log" >&2; exit 1; }

rps() { # url seconds [header]
	local url=$1 secs=$2
	shift 2
	timeout $((secs + 30)) wrk -t2 -c16 -d"${secs}s" "$@" "$url" | awk '/Requests\/sec/ {print $2}'
}

rps "$CSS" 10 >/dev/null
rps "$STATUS" 10 -H "Authorization: Bearer $TOKEN" >/dev/null
{
	echo "# /api/status (read token, full JSON) vs a static file"
	echo
	echo "wrk -t2 -c16 -d${SECONDS_EACH}s, after a 10 s warm-up of each; JVM: the image's options; $(nproc) cores; commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo
	echo "| round | /css/litewatch.css req/s | /api/status req/s (token) | ratio | /api/status req/s (anonymous, public view) | ratio |"
	echo "|---|---|---|---|---|---|"
} >"$OUT/reads.md"
for round in $(seq 1 "$ROUNDS"); do
	css=$(rps "$CSS" "$SECONDS_EACH")
	status=$(rps "$STATUS" "$SECONDS_EACH" -H "Authorization: Bearer $TOKEN")
	anonymous=$(rps "$STATUS" "$SECONDS_EACH")
	ratio=$(python3 -c "print(f'{$status / $css:.2f}')")
	anonymous_ratio=$(python3 -c "print(f'{$anonymous / $css:.2f}')")
	echo "| $round | $css | $status | ${ratio}x | $anonymous | ${anonymous_ratio}x |" >>"$OUT/reads.md"
done
bytes=$(curl -s -H "Authorization: Bearer $TOKEN" "$STATUS" | wc -c)
echo >>"$OUT/reads.md"
echo "/api/status body: $bytes bytes (uncompressed; both are gzipped when the client asks)." >>"$OUT/reads.md"
cat "$OUT/reads.md"
