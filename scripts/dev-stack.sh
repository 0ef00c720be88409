#!/usr/bin/env bash
# Runs Litewatch in front of the real stack on this machine, for a look by hand: s3proxy, a
# Litestream v0.3.13 container replicating four SQLite files (a Rails 8 app's production, cache,
# queue and cable) while sqlite3 loops write to three of them. Ctrl-C stops everything.
#   scripts/dev-stack.sh [extra Litewatch arguments, e.g. --server.port=9090]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-env.sh
DEV=$LITEWATCH_CACHE/dev
S3_PORT=${S3_PORT:-9555}
CONTAINER=litewatch-dev-litestream
WRITERS=()
S3PROXY_PID=
cleanup() {
	for pid in "${WRITERS[@]}" $S3PROXY_PID; do kill "$pid" 2>/dev/null || true; done
	docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
	litewatch_env_cleanup
}
trap cleanup EXIT
litewatch_install_packages
litewatch_start_dockerd
litewatch_build_image
./mvnw -q -B -ntp generate-test-resources >/dev/null

export LITESTREAM_ACCESS_KEY_ID=dev-access-key LITESTREAM_SECRET_ACCESS_KEY=dev-secret-key
mkdir -p "$DEV/data" "$DEV/s3/backups"
cat >"$DEV/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$LITESTREAM_ACCESS_KEY_ID
s3proxy.credential=$LITESTREAM_SECRET_ACCESS_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$DEV/s3
CONF
java -jar target/s3proxy/s3proxy.jar --properties "$DEV/s3proxy.conf" >>"$LITEWATCH_LOGS/dev-s3proxy.log" 2>&1 &
S3PROXY_PID=$!

cat >"$DEV/litestream.yml" <<YML
# Credentials come from LITESTREAM_ACCESS_KEY_ID / LITESTREAM_SECRET_ACCESS_KEY.
dbs:
  - path: $DEV/data/production.sqlite3
    replicas:
      - name: s3
        url: s3://backups/production
        endpoint: http://127.0.0.1:$S3_PORT
        sync-interval: 1s
        snapshot-interval: 1m
        retention: 1h
  - path: $DEV/data/queue.sqlite3
    replicas:
      - name: s3
        url: s3://backups/queue
        endpoint: http://127.0.0.1:$S3_PORT
        sync-interval: 1s
        snapshot-interval: 2m
        retention: 72h
  - path: $DEV/data/cache.sqlite3
    replicas:
      - name: s3
        url: s3://backups/cache
        endpoint: http://127.0.0.1:$S3_PORT
        sync-interval: 10s
        retention: 24h
  - path: $DEV/data/cable.sqlite3
    replicas:
      - name: s3
        url: s3://backups/cable
        endpoint: http://127.0.0.1:$S3_PORT
        sync-interval: 10s
        retention: 24h
YML
for db in production queue cache cable; do
	sqlite3 "$DEV/data/$db.sqlite3" "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS events(id INTEGER PRIMARY KEY, payload TEXT, at TEXT);" >/dev/null
done
writer() { while true; do sqlite3 "$DEV/data/$1.sqlite3" "PRAGMA busy_timeout=5000; INSERT INTO events(payload, at) VALUES (hex(randomblob(500)), datetime('now'));" >/dev/null 2>&1; sleep "$2"; done; }
writer production 0.3 & WRITERS+=($!)
writer queue 1 & WRITERS+=($!)
writer cache 5 & WRITERS+=($!)
# cable stays idle: an idle database is not stale.

docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
docker run -d --name "$CONTAINER" --label io.litewatch.test=dev --network host \
	-v "$DEV/data:$DEV/data" -v "$DEV/litestream.yml:/etc/litestream.yml:ro" \
	-e LITESTREAM_ACCESS_KEY_ID -e LITESTREAM_SECRET_ACCESS_KEY "$LITESTREAM_TEST_IMAGE" replicate >/dev/null
litewatch_log "stack up: Litestream container $CONTAINER, s3proxy on $S3_PORT; Litewatch on http://localhost:8080"
./mvnw -q -B -ntp spring-boot:run -Dspring-boot.run.arguments="--litewatch.litestream-config=$DEV/litestream.yml \
--litewatch.docker.container=$CONTAINER --litewatch.data-dir=$DEV/litewatch-data --litewatch.poll-interval=5s $*"
