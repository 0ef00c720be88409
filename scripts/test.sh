#!/usr/bin/env bash
# The whole test suite on the real stack: installs and starts Docker Engine, builds the Litestream
# image, then runs unit tests (surefire) and real-stack tests (failsafe). s3proxy and the Litestream
# containers are started and stopped by the tests themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-env.sh
trap litewatch_env_cleanup EXIT
litewatch_prepare_stack
./mvnw -B -ntp verify "$@"
