#!/usr/bin/env bash
# Start-up time and RSS of each service (docs/PERFORMANCE.md, benchmark 5): the packaged services on a throw-away
# broker and fresh bench_* databases, all three together and each alone.
#   deploy/local/startup-measurement.sh [rounds, default 5]      (about 3 minutes for 5 rounds)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -B -ntp -q -DskipTests package
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$(cat deploy/local/target/local-run.classpath):deploy/local/target/classes" \
  com.skincareshop.local.StartupMeasurement "$root" "${1:-5}"
