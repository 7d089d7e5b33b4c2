#!/usr/bin/env bash
# What the netns suite (tests marked `netns`: tests/integration/test_lan_netns.py) needs:
# iproute2 (ip netns, veth, bridge, tc tbf/netem) and root. Under CI=1 that suite fails
# instead of skipping, so a CI machine without root or iproute2 is noticed.
set -euo pipefail
if ! command -v ip >/dev/null || ! command -v tc >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y -q iproute2
    else
        sudo apt-get install -y -q iproute2
    fi
fi
if [ "$(id -u)" != 0 ]; then
    echo "ci_netns: the netns suite needs root; run .ci/run as root (or with passwordless sudo)" >&2
fi
