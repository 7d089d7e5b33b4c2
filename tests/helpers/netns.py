"""Network namespaces for the LAN-mirror tests and bench: a county hub behind a WAN link
shaped with tbf, a router, and PCs on one LAN bridge. Root only; everything made here is
torn down by `close()` (call it from a fixture's teardown, even on failure).

    hub (10.N.2.2) ==veth, tbf on the hub side== router (10.N.2.1 | 10.N.1.1) --bridge-- PCs (10.N.1.x)

Only these namespaces and their private addresses are ever used: the host's own network is
not touched (the bridge lives inside the router namespace).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def can_use_netns() -> str | None:
    """None when this process can create namespaces, else why not (for a skip reason)."""
    if sys.platform != "linux":
        return "network namespaces are Linux only"
    if os.geteuid() != 0:
        return "network namespaces need root (run the netns suite as root: .ci/run does)"
    probe = f"etprobe{os.getpid()}"
    try:
        subprocess.run(["ip", "netns", "add", probe], check=True, capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"cannot create a network namespace here: {exc}"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True, timeout=10)
    return None


def _run(*args: str, timeout: float = 30) -> str:
    out = subprocess.run(list(args), check=True, capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    return out.stdout


@dataclass
class Lan:
    """The topology. `pcs` are namespace names on the LAN, `hub` the hub's namespace."""

    tag: str
    pcs: list[str]
    wan_rate: str = "2mbit"
    wan_delay_ms: int = 0
    net: int = 77
    namespaces: list[str] = field(default_factory=list)
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def ns(self, name: str) -> str:
        return f"et{self.tag}{name}"

    @property
    def hub(self) -> str:
        return self.ns("hub")

    @property
    def hub_ip(self) -> str:
        return f"10.{self.net}.2.2"

    def ip_of(self, pc: str) -> str:
        return f"10.{self.net}.1.{10 + self.pcs.index(pc)}"

    def exec(self, ns: str, *cmd: str, timeout: float = 30) -> str:
        return _run("ip", "netns", "exec", ns, *cmd, timeout=timeout)

    def up(self) -> Lan:
        n = self.net
        rt, hub = self.ns("rt"), self.hub
        for name in [rt, hub, *[self.ns(p) for p in self.pcs]]:
            _run("ip", "netns", "add", name)
            self.namespaces.append(name)
            self.exec(name, "ip", "link", "set", "lo", "up")
        # WAN: hub <-> router. Shaped on the hub side, so the hub's tx counts what the
        # county link carried down to the schools.
        _run("ip", "link", "add", "ethub", "netns", hub, "type", "veth", "peer", "name", "etwan", "netns", rt)
        self.exec(hub, "ip", "addr", "add", f"10.{n}.2.2/24", "dev", "ethub")
        self.exec(hub, "ip", "link", "set", "ethub", "up")
        self.exec(hub, "ip", "route", "add", "default", "via", f"10.{n}.2.1")
        self.exec(rt, "ip", "addr", "add", f"10.{n}.2.1/24", "dev", "etwan")
        self.exec(rt, "ip", "link", "set", "etwan", "up")
        self.shape(self.wan_rate, self.wan_delay_ms)
        # LAN: a bridge inside the router namespace, one veth per PC.
        self.exec(rt, "ip", "link", "add", "etbr", "type", "bridge")
        self.exec(rt, "ip", "addr", "add", f"10.{n}.1.1/24", "dev", "etbr")
        self.exec(rt, "ip", "link", "set", "etbr", "up")
        self.exec(rt, "sysctl", "-qw", "net.ipv4.ip_forward=1")
        for i, pc in enumerate(self.pcs):
            ns = self.ns(pc)
            _run("ip", "link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", f"etp{i}", "netns", rt)
            self.exec(rt, "ip", "link", "set", f"etp{i}", "master", "etbr")
            self.exec(rt, "ip", "link", "set", f"etp{i}", "up")
            self.exec(ns, "ip", "addr", "add", f"{self.ip_of(pc)}/24", "dev", "eth0")
            self.exec(ns, "ip", "link", "set", "eth0", "up")
            self.exec(ns, "ip", "route", "add", "default", "via", f"10.{n}.1.1")
        return self

    def shape(self, rate: str, delay_ms: int = 0) -> None:
        """tbf on the hub's WAN side (and netem delay in front of it for a long round trip)."""
        hub = self.hub
        subprocess.run(["ip", "netns", "exec", hub, "tc", "qdisc", "del", "dev", "ethub", "root"],
                       capture_output=True, timeout=10)
        if delay_ms:
            self.exec(hub, "tc", "qdisc", "add", "dev", "ethub", "root", "handle", "1:", "netem", "delay",
                      f"{delay_ms}ms", "limit", "10000")
            self.exec(hub, "tc", "qdisc", "add", "dev", "ethub", "parent", "1:1", "handle", "10:", "tbf",
                      "rate", rate, "burst", "32kbit", "latency", "400ms")
        else:
            self.exec(hub, "tc", "qdisc", "add", "dev", "ethub", "root", "tbf", "rate", rate, "burst", "32kbit",
                      "latency", "400ms")

    def hub_tx_bytes(self) -> int:
        """What the WAN carried from the hub towards the schools (the interface counter)."""
        return int(self.exec(self.hub, "cat", "/sys/class/net/ethub/statistics/tx_bytes").strip())

    def spawn(self, ns: str, *cmd: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(["ip", "netns", "exec", ns, *cmd], cwd=REPO_ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env={**os.environ, **(env or {})}, start_new_session=True)
        self.procs.append(proc)
        return proc

    def python(self, ns: str, *args: str) -> subprocess.Popen[bytes]:
        return self.spawn(ns, sys.executable, *args, env={"PYTHONPATH": str(REPO_ROOT)})

    def close(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()
        for name in reversed(self.namespaces):
            subprocess.run(["ip", "netns", "del", name], capture_output=True, timeout=10)
        self.namespaces.clear()


def serve_repo(lan: Lan, ns: str, root: Path, port: int, *, extra: str = "") -> subprocess.Popen[bytes]:
    """A static, Range-capable server of a repository folder in a namespace (the hub's or a
    malicious peer's): tests/helpers/faultserver.py in a child process, with TCP_NODELAY
    like the hub (eduteach_hub/cli/server.py), so Nagle and delayed ACKs do not hold the end of
    every response ~40 ms (the link under test is tbf)."""
    extra = ", ".join(x for x in ("nodelay=True", extra) if x)
    code = (
        "import sys, threading; from pathlib import Path; "
        "from tests.helpers.faultserver import FaultServer, Faults; "
        f"srv = FaultServer(Path({str(root)!r}), Faults({extra}), host='0.0.0.0', port={port}); "
        "srv.__enter__(); print('ready', flush=True); threading.Event().wait()"
    )
    proc = lan.python(ns, "-c", code)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if b"ready" not in line:
        raise RuntimeError(f"server in {ns} did not start: {proc.stderr.read() if proc.stderr else b''!r}")
    return proc
