#!/usr/bin/env bash
# The benchmark and reliability tools of docs/PERFORMANCE.md and docs/RELIABILITY.md (never part of the tests):
#   benchmarks/measure.sh startup [rounds=5]               start-up time and RSS of each service (~3 min)
#   benchmarks/measure.sh freshness [changes=100]          committed change -> next routine, p50/p99 (<1 min)
#   benchmarks/measure.sh ingestion [events=100000] [consumers=1,2,3]  profile events materialized per second, per consumer thread count (~3 min)
#                                                          (JAVA_OPTS=-Dingestion.jfr=DIR: a JFR profile of the service per setting)
#   benchmarks/measure.sh import [lines=6800] [rounds=3]   NDJSON import, new and unchanged lines/s, beside PostgreSQL COPY (~2 min)
#   benchmarks/measure.sh hostile-requests [n=1000] [seed=7]   bad-input corpus: 0 x 5xx, bounded time and memory (~3 min)
#   benchmarks/measure.sh catalogue-table [sizes=0,10000,100000] [rounds=3]
#                                                          recommendation-service reading the catalogue topic: ready time, heap (~4 min)
#   benchmarks/measure.sh http [products=10000] [profiles=100000] [seconds=20] [rate=500]
#                                                          wrk: routines vs liveness, then latency at a fixed rate (~6 min)
#   benchmarks/measure.sh mixed-load [seconds=60] [rate=200] [products=1000]
#                                                          steady storefront + merchandiser mix, zero errors (~4 min)
#   benchmarks/measure.sh faults [steady-seconds=15]       kill -9 each service, stop the broker 30 s, crash PostgreSQL 20 s, reconcile (~8-10 min)
# Each starts its own stack (throw-away broker; bench_* databases, load_* for http and mixed-load, fault_* on a
# PostgreSQL cluster of its own for faults, hostile_* for hostile-requests) and builds it first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
tool="${1:-}"
shift || true
case "$tool" in
  startup)          main=load.StartupMeasurement;   args=("$root" "${1:-5}") ;;
  freshness)        main=load.FreshnessMeasurement; args=("$root" "${1:-100}") ;;
  ingestion)        main=load.IngestionMeasurement; args=("$root" "${1:-100000}" "${2:-1,2,3}") ;;
  http)             main=load.HttpMeasurement
                    args=("$root" "${1:-10000}" "${2:-100000}" "${3:-20}" "${4:-500}")
                    # wrk from Debian's package, installed on first use
                    if ! command -v wrk >/dev/null; then
                      sudo=""; [[ "$(id -u)" -eq 0 ]] || sudo=sudo
                      $sudo apt-get update && $sudo apt-get install -y wrk
                    fi ;;
  mixed-load)       main=load.MixedLoad;       args=("$root" "${1:-60}" "${2:-200}" "${3:-1000}") ;;
  faults)           main=faults.FaultMeasurement; args=("$root" "${1:-15}") ;;
  import)           main=load.ImportMeasurement; args=("$root" "${1:-6800}" "${2:-3}") ;;
  hostile-requests) main=load.HostileRequestsMeasurement; args=("$root" "${1:-1000}" "${2:-7}") ;;
  catalogue-table)  main=load.CatalogueTableMeasurement; args=("$root" "${1:-0,10000,100000}" "${2:-3}") ;;
  *) sed -n '2,17p' "$0" >&2; exit 2 ;;
esac
./mvnw -B -ntp -q -DskipTests package
exec java ${JAVA_OPTS:-} -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$(cat benchmarks/load/target/benchmarks-load.classpath):benchmarks/load/target/classes" \
  "com.skincareshop.benchmarks.$main" "${args[@]}"
