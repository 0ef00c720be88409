#!/usr/bin/env bash
# Tries the README's first command as a newcomer would: `./mvnw spring-boot:run` with nothing
# else, then waits for four live databases (each with a generation) and the misconfigured one's
# finding on /api/status, and stops everything. Its output goes to .cache/logs/demo.log.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache/logs
PORT=${DEMO_PORT:-18080}
setsid ./mvnw -B -ntp spring-boot:run -Dspring-boot.run.arguments=--server.port=$PORT \
	>.cache/logs/demo.log 2>&1 &
DEMO_PGID=$!
stop() { kill -TERM -- "-$DEMO_PGID" 2>/dev/null || true; sleep 5; kill -KILL -- "-$DEMO_PGID" 2>/dev/null || true; }
trap stop EXIT
start=$(date +%s)
for _ in $(seq 1 240); do
	if curl -s "http://127.0.0.1:$PORT/api/status" | python3 -c '
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
