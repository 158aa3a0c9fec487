#!/usr/bin/env bash
# The bad-input corpus (docs/RELIABILITY.md) against a running local run (deploy/local/run.sh in another terminal):
#   deploy/local/hostile-requests.sh [requests per service, default 1000] [seed, default 7]
# Exit code 0 only if no answer was a 5xx, every 4xx was problem+json and the stored data did not change.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [[ ! -f deploy/local/target/local-run.classpath ]]; then
  ./mvnw -B -ntp -q -DskipTests package
fi
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$(cat deploy/local/target/local-run.classpath):deploy/local/target/classes" \
  com.skincareshop.local.HostileRequests http://localhost:8081 http://localhost:8082 http://localhost:8083 "${1:-1000}" "${2:-7}"
