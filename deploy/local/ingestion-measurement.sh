#!/usr/bin/env bash
# Ingestion (docs/PERFORMANCE.md, benchmark 3): profile events materialized per second by recommendation-service,
# against a bare consumer of the same topic; a throw-away broker and a fresh bench_recommendation database.
#   deploy/local/ingestion-measurement.sh [events, default 100000]      (under a minute)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -B -ntp -q -DskipTests package
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$(cat deploy/local/target/local-run.classpath):deploy/local/target/classes" \
  com.skincareshop.local.IngestionMeasurement "$root" "${1:-100000}"
