#!/usr/bin/env bash
# Builds the project's base image without any registry: a minimal Debian bookworm root file system with
# PostgreSQL 15 and a Java 17 runtime, from this machine's own apt sources (mmdebstrap), imported into podman.
# Usage: base/build.sh IMAGE   (setup.sh calls it when the image is missing; it takes about a minute and a half)
set -euo pipefail
image="${1:?usage: build.sh IMAGE}"

sources=/etc/apt/sources.list
for candidate in /etc/apt/sources.list.d/*.sources; do
  [ -f "$candidate" ] && { sources="$candidate"; break; }
done

# postgresql-common would create and start a "main" cluster while installing; the images initialize their own.
no_main_cluster='mkdir -p "$1/etc/postgresql-common/createcluster.d" && echo "create_main_cluster = false" > "$1/etc/postgresql-common/createcluster.d/no-main-cluster.conf"'

# into a file first: a failed mmdebstrap piped into podman import would leave an empty image behind
rootfs="$(mktemp --suffix=.tar)"
trap 'rm -f "$rootfs"' EXIT
mmdebstrap --quiet --variant=minbase --format=tar \
  --include=postgresql-15,openjdk-17-jre-headless \
  --aptopt='Acquire::Check-Valid-Until "false"' \
  --dpkgopt=force-unsafe-io \
  --essential-hook="$no_main_cluster" \
  bookworm "$rootfs" "$sources"
podman import --quiet --change 'CMD ["/bin/bash"]' "$rootfs" "$image" >/dev/null
