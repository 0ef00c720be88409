#!/usr/bin/env bash
# What a refresh of a database's page and the overview's sparklines read from the history, before
# and after the grouping moved into SQL: runs io.litewatch.bench.HistoryReadBenchmark (test
# sources, a main: no Maven build runs it) on a SQLite file it fills with 30 days of 15 s polls of
# four databases, and, given a PostgreSQL URL, on PostgreSQL in a schema of its own (dropped after).
# The tables go to target/benchmark/history-*.md. It starts no server and leaves no process.
#
#   scripts/benchmark-history.sh
#   scripts/benchmark-history.sh --postgres-url 'jdbc:postgresql://127.0.0.1:55432/litewatch?user=postgres'
#   scripts/benchmark-history.sh --skip-build --days 7 --poll 5s
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=target/benchmark
SKIP_BUILD=
ARGS=()
while (($#)); do
	case $1 in
	--skip-build) SKIP_BUILD=1; shift ;;
	--help|-h) sed -n '2,10p' "$0"; exit 0 ;;
	*) ARGS+=("$1"); shift ;;
	esac
done

cd "$ROOT"
mkdir -p "$OUT"
if [ -z "$SKIP_BUILD" ]; then
	timeout 15m ./mvnw -B -ntp -q test-compile >"$OUT/history-build.log" 2>&1 \
		|| { echo "build failed; see $OUT/history-build.log" >&2; exit 1; }
fi
if [ -z "$SKIP_BUILD" ] || [ ! -s "$OUT/classpath.txt" ]; then
	timeout 10m ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" \
		>>"$OUT/history-build.log" 2>&1 || { echo "classpath failed; see $OUT/history-build.log" >&2; exit 1; }
fi
timeout 30m java -Xmx512m -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$OUT/classpath.txt")" \
	io.litewatch.bench.HistoryReadBenchmark --out "$OUT" ${ARGS[@]+"${ARGS[@]}"}
