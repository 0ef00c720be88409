# Litewatch image: build with the Maven wrapper, run the Spring Boot layered jar on a JRE.
#
#   docker build -t litewatch .
#   docker run -d --name litewatch -p 127.0.0.1:8080:8080 \
#     --group-add "$(stat -c %g /var/run/docker.sock)" \
#     -v /var/run/docker.sock:/var/run/docker.sock \
#     -v "$PWD/config/litestream.yml:/etc/litestream.yml:ro" \
#     -v litewatch-data:/data \
#     -e LITEWATCH_DOCKER_CONTAINER=myapp-litestream \
#     -e LITESTREAM_ACCESS_KEY_ID -e LITESTREAM_SECRET_ACCESS_KEY \
#     litewatch
#   docker exec litewatch cat /data/admin-password   # the generated admin password, until litewatch.security.users is set
#
# Everything is configured through environment variables (Spring relaxed binding:
# LITEWATCH_POLL_INTERVAL=30s, LITEWATCH_DOCKER_HOST=tcp://socket-proxy:2375, SPRING_MAIL_HOST=...).
# No secret is baked in: there is no ARG or ENV with a credential here.
#
# The process runs as uid 10001. It talks to the Docker Engine through /var/run/docker.sock, which
# is owned by root:docker (mode 660) on the host, so the container needs the socket's group:
# `--group-add $(stat -c %g /var/run/docker.sock)` (compose: group_add, Kamal: options.group-add).
# Without it every poll reports DOCKER_UNREACHABLE (permission denied).
#
# Base images: Eclipse Temurin on Ubuntu (glibc) for both stages, not the -alpine variant:
#  - eclipse-temurin:17-jre-alpine is published for x86_64 only, and Kamal hosts are often arm64;
#  - sqlite-jdbc and JNA (used by docker-java for the unix socket) load native libraries that are
#    built and tested first against glibc;
#  - the Ubuntu JRE image already ships curl, which the HEALTHCHECK uses (no extra package layer).

# ---- build ------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build

# Dependency layer: only changes when the wrapper or pom.xml change.
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline

# Application layer. Tests run in CI (scripts/test.sh needs a Docker daemon, which a build has
# not); -Dmdep.skip skips copying the s3proxy test jar, which only the real-stack tests use.
COPY src/ src/
COPY frontend/templates/ frontend/templates/
COPY frontend/static/ frontend/static/
RUN ./mvnw -B -ntp -DskipTests -Dmdep.skip=true package \
    && cp target/litewatch-*.jar app.jar \
    && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# Restore drills run Litestream v0.3.13 itself. The package phase fetched it (pom.xml:
# download-maven-plugin, npm @flydotio/litestream-linux-x64@1.0.1, checked by SHA-256). It is an
# x86_64 binary: on another architecture the image has none, and each drill is REFUSED with
# "set litewatch.drills.binary" (mount one and point the setting at it). The build stage runs on
# the image's own architecture, so uname tells (TARGETARCH is empty without BuildKit).
RUN mkdir -p drill-bin \
    && if [ "$(uname -m)" = "x86_64" ]; then \
         install -m 0755 target/litestream/package/litestream drill-bin/litestream; \
       fi

# ---- runtime ----------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre AS runtime

# Fixed uid/gid so that host-side ownership of /data (bind mounts) is predictable.
RUN groupadd --system --gid 10001 litewatch \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /app \
       --shell /usr/sbin/nologin litewatch \
    && mkdir -p /app /data \
    && chown 10001:10001 /data

WORKDIR /app

# Least to most frequently changed, so a code change only replaces the last layer. Litestream
# (for restore drills) changes least of all.
COPY --from=build /build/drill-bin/ /usr/local/bin/
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./

# LITEWATCH_DATA_DIR holds Litewatch's own SQLite database (alert state, outbox, history).
# LITESTREAM_CONFIG is the same litestream.yml the Litestream container uses, mounted read-only.
ENV LITEWATCH_DATA_DIR=/data \
    LITESTREAM_CONFIG=/etc/litestream.yml \
    JAVA_TOOL_OPTIONS="-Xms32m -Xmx128m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=160m -XX:+ExitOnOutOfMemoryError"

VOLUME /data
EXPOSE 8080

USER 10001:10001

# curl ships with the Ubuntu-based Temurin image; a JVM-based probe would start a second JVM every
# interval. The liveness group answers "is the process serving" and, unlike the full
# /actuator/health, does not turn unhealthy when an optional dependency such as the SMTP server is
# down. The replication status itself is /api/status (503 when critical), which is for uptime
# checkers, not for Docker: restarting Litewatch never fixes a stale replica.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT:-8080}/actuator/health/liveness" || exit 1

ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
