"""PCs nearby that share their lessons: announced and found with DNS-SD over mDNS.

An announcement is a hint, never trust: anyone on the LAN can send one. A peer is used only
if its address is on one of this PC's own subnets (or link-local) and is not this PC, and
everything it sends is verified against the county's signatures like the hub's bytes. The
catalog version in its TXT record only orders the peers; the signed metadata decides.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
from dataclasses import dataclass
from typing import Any

SERVICE_TYPE = "_eduteach._tcp.local."
MAX_PEERS = 8


@dataclass(frozen=True)
class Peer:
    name: str
    address: str
    port: int
    claimed_version: int | None

    @property
    def url(self) -> str:
        return f"http://{self.address}:{self.port}/"


def local_networks() -> list[tuple[ipaddress.IPv4Interface, str]]:
    """This PC's IPv4 interfaces other than loopback (address with its prefix, adapter)."""
    import ifaddr

    out = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if not isinstance(ip.ip, str):
                continue  # IPv6: peers are looked for on IPv4 only
            iface = ipaddress.IPv4Interface(f"{ip.ip}/{ip.network_prefix}")
            if not iface.ip.is_loopback:
                out.append((iface, adapter.nice_name))
    return out


def acceptable(address: str, networks: list[ipaddress.IPv4Interface]) -> bool:
    """Only a neighbour: link-local, or on one of our own subnets; never loopback, never
    this PC itself, never a multicast or broadcast address."""
    try:
        ip = ipaddress.IPv4Address(address)
    except ValueError:
        return False
    if ip.is_loopback or ip.is_multicast or ip.is_unspecified or any(ip == n.ip for n in networks):
        return False
    if ip.is_link_local:
        return True
    return any(ip in n.network and ip != n.network.broadcast_address and ip != n.network.network_address
               for n in networks)


def _version(props: dict[bytes, bytes | None]) -> int | None:
    raw = props.get(b"v")
    if raw is None or not re.fullmatch(rb"\d{1,9}", raw):
        return None
    return int(raw)


def discover(seconds: float = 2.0) -> list[Peer]:
    """Peers announcing `_eduteach._tcp` heard within `seconds`, acceptable ones only,
    highest claimed catalog version first."""
    from zeroconf import IPVersion, ServiceBrowser, ServiceStateChange, Zeroconf

    networks = [n for n, _ in local_networks()]
    if not networks:
        return []
    names: set[str] = set()
    lock = threading.Lock()

    def on_change(zeroconf: Any, service_type: str, name: str, state_change: Any) -> None:
        if state_change in (ServiceStateChange.Added, ServiceStateChange.Updated):
            with lock:
                if len(names) < 4 * MAX_PEERS:
                    names.add(name)

    zc = Zeroconf(interfaces=[str(n.ip) for n in networks], ip_version=IPVersion.V4Only)
    try:
        browser = ServiceBrowser(zc, SERVICE_TYPE, handlers=[on_change])
        threading.Event().wait(seconds)
        browser.cancel()
        peers: dict[tuple[str, int], Peer] = {}
        with lock:
            found = sorted(names)
        for name in found:
            info = zc.get_service_info(SERVICE_TYPE, name, timeout=1000)
            if info is None or not info.port:
                continue
            for address in info.parsed_addresses(IPVersion.V4Only):
                if acceptable(address, networks):
                    label = name.removesuffix("." + SERVICE_TYPE)[:63]
                    peers.setdefault((address, info.port), Peer(label, address, info.port, _version(info.properties)))
        ordered = sorted(peers.values(), key=lambda p: -(p.claimed_version or 0))
        return ordered[:MAX_PEERS]
    finally:
        zc.close()


class Announcer:
    """Announce this PC's share on each of its LAN interfaces until stopped."""

    def __init__(self, port: int, catalog_version: int | None, name: str | None = None):
        self.port = port
        self.catalog_version = catalog_version
        host = re.sub(r"[^A-Za-z0-9-]", "-", name or socket.gethostname())[:40] or "eduteach"
        self.name = host
        self._zc: Any = None
        self._info: Any = None

    def start(self) -> None:
        from zeroconf import IPVersion, ServiceInfo, Zeroconf

        addresses = [str(n.ip) for n, _ in local_networks()]
        if not addresses:
            return
        self._info = ServiceInfo(
            SERVICE_TYPE, f"{self.name}.{SERVICE_TYPE}",
            addresses=[socket.inet_aton(a) for a in addresses], port=self.port,
            properties={"v": str(self.catalog_version or 0), "path": "/"},
            server=f"{self.name}.local.",
        )
        self._zc = Zeroconf(interfaces=addresses, ip_version=IPVersion.V4Only)
        self._zc.register_service(self._info, allow_name_change=True)

    def stop(self) -> None:
        if self._zc is not None:
            try:
                self._zc.unregister_service(self._info)
            finally:
                self._zc.close()
            self._zc = None
