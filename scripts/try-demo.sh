#!/usr/bin/env bash
# Tries the README's first command as a newcomer would: `./mvnw spring-boot:run` with nothing
# else, then signs in as the demo's user (demo/demo), waits for four live databases (each with a
# generation) and the misconfigured one's finding on /api/status, and stops everything. Its output goes to .cache/logs/demo.log.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache/logs
PORT=${DEMO_PORT:-18080}
setsid ./mvnw -B -ntp spring-boot:run -Dspring-boot.run.arguments=--server.port=$PORT \
	>.cache/logs/demo.log 2>&1 &
DEMO_PGID=$!
stop() { kill -TERM -- "-$DEMO_PGID" 2>/dev/null || true; sleep 5; kill -KILL -- "-$DEMO_PGID" 2>/dev/null || true; rm -f .cache/demo-cookies.txt; }
trap stop EXIT
start=$(date +%s)
# As a newcomer would: sign in as the demo's user (README), through the login form and its CSRF token.
JAR=.cache/demo-cookies.txt
signed_in=false
sign_in() {
	local token
	token=$(curl -s -c "$JAR" -b "$JAR" "http://127.0.0.1:$PORT/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
	[ -n "$token" ] || return 1
	curl -s -o /dev/null -w '%{redirect_url}' -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$token" \
		--data-urlencode username=demo --data-urlencode password=demo "http://127.0.0.1:$PORT/login" | grep -qv '/login'
}
for _ in $(seq 1 240); do
	if ! $signed_in; then
		sign_in 2>/dev/null && signed_in=true
	fi
	if $signed_in && curl -s -b "$JAR" "http://127.0.0.1:$PORT/api/status" | python3 -c '
import json, sys
d = json.load(sys.stdin)
live = [r["generation"] for db in d["databases"] for r in db["replicas"] if r["generation"]]
cable = [f["code"] for db in d["databases"] if db["name"] == "cable" for f in db["findings"]]
sys.exit(0 if len(live) == 4 and "CONFIG_SUSPICIOUS" in cable else 1)' 2>/dev/null; then
		echo "demo: ./mvnw spring-boot:run showed four live databases and the misconfigured one after $(($(date +%s) - start))s"
		exit 0
	fi
	sleep 0.5
done
echo "demo: ./mvnw spring-boot:run did not show four live databases within 120s; last log lines:"
tail -n 30 .cache/logs/demo.log
exit 1
