#!/usr/bin/env bash
# A container engine for the tests (Testcontainers), on a Debian machine where we are root and no image registry
# is reachable: rootful podman, its Docker-compatible socket, and the project's images built locally.
#
#   deploy/containers/setup.sh     idempotent: installs, writes and builds only what is missing (seconds when
#                                  everything exists; about two minutes from nothing, most of it the base image)
#
# It prints the environment Testcontainers needs and writes it to $SKINCARE_CONTAINERS_ENV (default
# deploy/containers/target/containers.env) for .ci/run to source. Where it cannot get an engine (not Debian, not
# root, the install fails) it says so, writes an empty file and exits 0: the tests then fall back to embedded
# PostgreSQL and a broker JVM, and say so.
#
# Images (prefix and tag can be changed, e.g. SKINCARE_IMAGE_TAG=scratch to build a separate set from nothing):
#   ${SKINCARE_IMAGE_PREFIX:-localhost/skincare-}base:${SKINCARE_IMAGE_TAG:-local}      Debian + PostgreSQL 15 + JRE 17
#   ...jre:TAG        a Java 17 runtime, the base of the services' images
#   ...postgres:TAG   stands in for postgres:15       (SKINCARE_POSTGRES_IMAGE)
#   ...kafka:TAG      stands in for apache/kafka:4.1.2 (SKINCARE_KAFKA_IMAGE)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
prefix="${SKINCARE_IMAGE_PREFIX:-localhost/skincare-}"
tag="${SKINCARE_IMAGE_TAG:-local}"
env_file="${SKINCARE_CONTAINERS_ENV:-$here/target/containers.env}"
socket=/run/podman/podman.sock

say() { echo "setup.sh: $*" >&2; }
timed() { local start=$SECONDS status=0; "$@" || status=$?; say "  took $((SECONDS - start)) s"; return "$status"; }
mkdir -p "$(dirname "$env_file")"
: > "$env_file"
give_up() {
  say "no container engine: $*"
  say "the tests will run on embedded PostgreSQL and a broker JVM instead"
  exit 0
}

[ -f /etc/debian_version ] || give_up "this is not Debian (install podman or Docker yourself, then set DOCKER_HOST)"
[ "$(id -u)" = 0 ] || give_up "not root (rootful podman needs root; or use your own Docker and set DOCKER_HOST)"

if ! command -v podman >/dev/null || ! command -v mmdebstrap >/dev/null || ! command -v runc >/dev/null; then
  say "installing podman, mmdebstrap and runc"
  if ! timed bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman mmdebstrap runc >/dev/null'; then
    give_up "apt-get install podman mmdebstrap runc failed"
  fi
fi

# What this sandbox needs from podman: default ulimits within the hard limits (no CAP_SYS_RESOURCE to raise
# them), runc (crun refuses the hybrid cgroup layout), cgroupfs and a file for events (no systemd, no journald).
nofile="$(ulimit -Hn)"
nproc="$(ulimit -Hu)"
pid_max="$(cat /proc/sys/kernel/pid_max)"
if [ "$nproc" = unlimited ] || [ "$nproc" -gt "$pid_max" ]; then nproc="$pid_max"; fi
[ "$nofile" = unlimited ] && nofile=1048576
conf="[containers]
default_ulimits = [\"nofile=$nofile:$nofile\", \"nproc=$nproc:$nproc\"]
[engine]
runtime = \"runc\"
cgroup_manager = \"cgroupfs\"
events_logger = \"file\""
if [ "$(cat /etc/containers/containers.conf 2>/dev/null)" != "$conf" ]; then
  say "writing /etc/containers/containers.conf"
  mkdir -p /etc/containers
  printf '%s\n' "$conf" > /etc/containers/containers.conf
fi

build() { # image context [build args...]
  local image="$1" context="$2"; shift 2
  say "building $image"
  timed podman build --quiet --tag "$image" --build-arg "BASE=${prefix}base:$tag" "$@" "$context" >/dev/null
}

if ! podman image exists "${prefix}base:$tag"; then
  say "building ${prefix}base:$tag (Debian bookworm, PostgreSQL 15, JRE 17; from this machine's apt sources)"
  timed "$here/base/build.sh" "${prefix}base:$tag" || give_up "the base image did not build"
fi
podman image exists "${prefix}jre:$tag" || build "${prefix}jre:$tag" "$here/jre" || give_up "the JRE image did not build"
podman image exists "${prefix}postgres:$tag" || build "${prefix}postgres:$tag" "$here/postgres" \
  || give_up "the PostgreSQL image did not build"
if ! podman image exists "${prefix}kafka:$tag"; then
  # the broker jars: the kafka-broker module's runtime class path, from Maven Central like every build
  context="$(mktemp -d)"
  trap 'rm -rf "$context"' EXIT
  cp -r "$here/kafka/." "$context/"
  say "fetching the Kafka broker's jars (platform/kafka-broker)"
  (cd "$root" && ./mvnw -B -ntp -q -f platform/kafka-broker/pom.xml \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$context/libs") || give_up "the Kafka broker's jars did not resolve"
  build "${prefix}kafka:$tag" "$context" || give_up "the Kafka image did not build"
fi

# Ryuk (Testcontainers' reaper) cannot run without its image, so the tests remove their own containers. A test JVM
# that was killed cannot: remove containers whose starting JVM is gone, and no one else's.
podman ps --all --filter label=com.skincareshop.tests.pid \
    --format '{{.ID}} {{index .Labels "com.skincareshop.tests.pid"}}' 2>/dev/null \
  | while read -r id pid; do
      if [ -n "$id" ] && ! kill -0 "$pid" 2>/dev/null; then
        say "removing leftover test container $id (its JVM $pid is gone)"
        podman rm --force --volumes "$id" >/dev/null || true
      fi
    done

if ! curl -sf --unix-socket "$socket" http://podman/_ping >/dev/null 2>&1; then
  say "starting podman's Docker-compatible socket $socket (log: /tmp/podman-service.log)"
  mkdir -p "$(dirname "$socket")"
  setsid nohup podman system service --time=0 "unix://$socket" >/tmp/podman-service.log 2>&1 < /dev/null &
  for _ in $(seq 100); do
    curl -sf --unix-socket "$socket" http://podman/_ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -sf --unix-socket "$socket" http://podman/_ping >/dev/null 2>&1 || give_up "podman's socket does not answer"
fi

cat > "$env_file" <<ENV
export DOCKER_HOST=unix://$socket
export TESTCONTAINERS_RYUK_DISABLED=true
export SKINCARE_POSTGRES_IMAGE=${prefix}postgres:$tag
export SKINCARE_KAFKA_IMAGE=${prefix}kafka:$tag
ENV
say "ready; for the tests (also in $env_file):"
cat "$env_file"
