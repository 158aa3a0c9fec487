#!/usr/bin/env bash
# Freshness (docs/PERFORMANCE.md, benchmark 4): from a committed profile or catalogue change to its effect on the
# routine, with background catalogue writes; the packaged services on a throw-away broker and bench_* databases.
#   deploy/local/freshness-measurement.sh [changes of each kind, default 100]      (under a minute)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -B -ntp -q -DskipTests package
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$(cat deploy/local/target/local-run.classpath):deploy/local/target/classes" \
  com.skincareshop.local.FreshnessMeasurement "$root" "${1:-100}"
