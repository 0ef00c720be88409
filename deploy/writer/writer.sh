#!/bin/sh
# Writes to the four databases a Rails 8 app keeps under storage/ (primary, Solid Cache,
# Solid Queue, Solid Cable), in WAL mode as Rails configures them and as Litestream requires.
#   STORAGE_DIR     where the databases live (default /rails/storage)
#   WRITE_INTERVAL  seconds between rounds (default 1)
set -eu

dir=${STORAGE_DIR:-/rails/storage}
interval=${WRITE_INTERVAL:-1}
mkdir -p "$dir"

# journal_mode=WAL is persistent: set once, every later connection uses it. .timeout makes a write
# wait (instead of failing) while Litestream holds its lock during a checkpoint.
sql() {
  sqlite3 -cmd '.timeout 5000' "$dir/$1.sqlite3" "$2" >/dev/null
}

for db in production production_cache production_queue production_cable; do
  sql "$db" "PRAGMA journal_mode=WAL;"
done
sql production "CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, note TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));"
sql production_cache "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));"
sql production_queue "CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
  finished_at TEXT, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));"
sql production_cable "CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, channel TEXT NOT NULL,
  payload TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));"

# PID 1 ignores SIGTERM unless it is trapped; sleeping in the background keeps `docker stop` fast.
trap 'echo "writer: stopping after $n rounds"; exit 0' TERM INT
echo "writer: writing to $dir every ${interval}s"
n=0
while :; do
  n=$((n + 1))
  sql production "INSERT INTO orders (note) VALUES ('order $n');"
  sql production_queue "INSERT INTO jobs (name) VALUES ('job $n');
    UPDATE jobs SET finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = $n - 1;
    DELETE FROM jobs WHERE id < $n - 1000;"
  # The cache keeps 100 keys, overwritten in turn; cable messages are pruned like Solid Cable does.
  sql production_cache "INSERT OR REPLACE INTO entries (key, value) VALUES ('k$((n % 100))', 'value $n');"
  if [ $((n % 5)) -eq 0 ]; then
    sql production_cable "INSERT INTO messages (channel, payload) VALUES ('chat', 'message $n');
      DELETE FROM messages WHERE id < (SELECT max(id) FROM messages) - 500;"
  fi
  sleep "$interval" &
  wait $! || true
done
