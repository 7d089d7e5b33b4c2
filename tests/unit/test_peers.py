"""Which announced addresses a PC accepts as neighbours: only its own subnets or link-local,
never loopback, itself, multicast, broadcast or another network (a hostile announcement)."""

from __future__ import annotations

import ipaddress

import pytest

from eduteach_desktop.sync.peers import _version, acceptable

NETS = [ipaddress.IPv4Interface("192.168.1.20/24"), ipaddress.IPv4Interface("10.8.0.5/16")]


@pytest.mark.parametrize("address", ["192.168.1.21", "192.168.1.254", "10.8.200.7", "169.254.3.4"])
def test_neighbours_are_accepted(address):
    assert acceptable(address, NETS)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.8.8",  # loopback: a local service, never a neighbour
    "192.168.1.20",  # this PC itself
    "192.168.1.255", "192.168.1.0",  # broadcast and network addresses
    "192.168.2.21", "8.8.8.8", "10.9.0.1",  # another network, the internet, another site
    "224.0.0.251", "0.0.0.0", "255.255.255.255",
    "not an address", "::1", "fe80::1", "",
])
def test_hostile_or_foreign_addresses_are_ignored(address):
    assert not acceptable(address, NETS)


def test_claimed_catalog_version_is_parsed_strictly():
    assert _version({b"v": b"12"}) == 12
    for bad in (b"-1", b"1e9", b"12a", b"9" * 12, b""):
        assert _version({b"v": bad}) is None
    assert _version({}) is None and _version({b"v": None}) is None
