#!/usr/bin/env bash
# Runs the whole flow on this machine with real PostgreSQL and Kafka (see README.md, "The two commands"): embedded
# PostgreSQL (data in .local/postgres) unless SKINCARE_PG_HOST or SKINCARE_PG_ADMIN_URL names your own server.
#   deploy/local/run.sh           build, start everything, import the demo catalogue; Ctrl-C stops it all
#   deploy/local/run.sh --reset   forget the stored data (.local/, and the databases on your own server), while nothing is running
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mkdir -p .local

# One run at a time: the lock is held by this shell's descriptor, inherited by the launcher below.
exec 9>"$root/.local/run.lock"
if ! flock -n 9; then
  echo "The local run is already running (lock: .local/run.lock). Stop it with Ctrl-C in its terminal first." >&2
  exit 1
fi

echo "==> Building (./mvnw package, tests skipped: ./mvnw verify runs them)"
./mvnw -B -ntp -q -DskipTests package

launcher_cp="$(cat deploy/local/target/local-run.classpath):deploy/local/target/classes"
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$launcher_cp" com.skincareshop.local.LocalRun "$root" "$@"
