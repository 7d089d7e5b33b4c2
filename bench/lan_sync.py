"""Sync over a real shaped link in network namespaces (root), against curl in the same run.

    /work/wt/…/.venv/bin/python bench/lan_sync.py [--rate 2mbit] [--files 40] [--lo-kib 8] [--hi-kib 200]
        [--rtt-ms 600] [--pcs 1,3,10] [--repeat 2]

Topology (tests/helpers/netns.py): the hub (a static Range-capable server of a signed
repository, tests/helpers/faultserver.py with no faults) behind a kernel tbf qdisc
(`tbf rate R burst 32kbit latency 400ms`), a router, and PCs on a LAN bridge.

(1) many files: ONE curl process fetching every blob of the subscription over one kept-alive
    connection (`curl -K list`), then `services.sync()` of the same subscription (timed around
    the sync only, in the PC's namespace): goodput ratio sync / curl. Goal ≥ 0.99.
(2) the same with RTT ms of added latency before every response (the fault server's
    `latency`; this kernel has no sch_netem): sync goodput / link rate. Goal ≥ 0.95.
(3) WAN bytes (the hub interface's tx_bytes) for N PCs syncing straight from the hub, and for
    a central school syncing once and sharing (`eduteach share`) with N-1 others.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import (  # noqa: E402
    blob_list,
    curl_version,
    machine,
    metadata_list,
    table,
    workdir,
    write_curl_config,
)
from bench.term_workload import write_term  # noqa: E402
from eduteach_protocol.catalog import Catalog  # noqa: E402
from tests.helpers.lessons import TestRepo, write_lesson  # noqa: E402
from tests.helpers.netns import REPO_ROOT, Lan, can_use_netns, serve_repo  # noqa: E402

PORT = 8080

SYNC = """
import json, sys, time
from pathlib import Path
from eduteach_desktop.services import Services
data, root, url = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
peers = sys.argv[4:]
from eduteach_desktop.sync.progress import ProgressBoard
import os
import eduteach_desktop.sync.depth as depth
if os.environ.get("BENCH_CONNECTIONS"):  # --connections N: the cap on connections per source
    cap = int(os.environ["BENCH_CONNECTIONS"])
    import eduteach_desktop.sync.sources as sources
    import eduteach_desktop.sync.transfer as transfer
    transfer.MAX_CONNECTIONS = sources.MAX_CONNECTIONS = cap
    transfer.DepthController = lambda clock: depth.DepthController(clock, max_connections=cap)
s = Services.open(data)
s.trust.install_root(root.read_bytes())
marks = {}
arrivals = []  # (time, bytes_done) at every block received: where the link idled
def seen(snap):
    if snap.phase == "downloading" and "dl" not in marks:
        marks["dl"] = time.perf_counter()
    if snap.phase == "downloading" and snap.bytes_done and (not arrivals or snap.bytes_done != arrivals[-1][1]):
        arrivals.append((time.perf_counter(), snap.bytes_done))
board = ProgressBoard(time.monotonic, listener=seen)
t0 = time.perf_counter()
r = s.sync([url], board, peers=peers)
end = time.perf_counter()
s.close()
gaps = [b[0] - a[0] for a, b in zip(arrivals, arrivals[1:]) if b[0] - a[0] > 0.05]
first = arrivals[0][0] if arrivals else end
last = arrivals[-1][0] if arrivals else end
print(json.dumps({"wall": end - t0, "transfer": end - marks.get("dl", t0), "ok": r.ok,
                  "problems": list(r.problems), "by": r.bytes_by_source,
                  "metadata": marks.get("dl", t0) - t0, "to_first_byte": first - marks.get("dl", t0),
                  "gaps": sum(gaps), "gap_count": len(gaps), "longest_gap": max(gaps, default=0.0),
                  "after_last_byte": end - last, "depth": getattr(r, "requests_ahead", "")}))
"""


def build(base: Path, n: int, lo: int, hi: int, seed: int) -> TestRepo:
    repo = TestRepo(base)
    rng = random.Random(seed)
    for i in range(n):
        size = int(math.exp(rng.uniform(math.log(lo), math.log(hi))))
        write_lesson(repo.src, f"l{i:03d}", kind="audio", media_bytes=rng.randbytes(size),
                     unit=1 + i // 20, order=1 + i % 20)
    repo.publish()
    return repo


# Samples the hub's WAN interface counter every 10 ms (in the hub's namespace): the wire's
# own view of when the link idled, whatever the client's reads looked like.
SAMPLER = """
import sys, time
path = "/sys/class/net/ethub/statistics/tx_bytes"
# A file, not a pipe: nobody reads a pipe until the end, and a full one would stop the
# sampling after ~25 s.
out = open(sys.argv[1], "w", encoding="ascii")
while True:
    with open(path, encoding="ascii") as fh:
        out.write(f"{time.monotonic():.4f} {fh.read().strip()}\\n")
    out.flush()
    time.sleep(0.01)
"""


class Wire:
    """Idle time on the WAN between the first and the last 10 ms slot that carried at
    least a tenth of the link rate: the link time a transfer left unused."""

    def __init__(self, lan: Lan, rate: float, log: Path):
        self.lan, self.rate, self.log = lan, rate, log

    def __enter__(self) -> Wire:
        self.proc = self.lan.python(self.lan.hub, "-c", SAMPLER, str(self.log))
        return self

    def __exit__(self, *exc: object) -> None:
        os.killpg(self.proc.pid, 9)
        self.proc.communicate()
        text = self.log.read_text(encoding="ascii")
        samples = [tuple(map(float, line.split())) for line in text.splitlines() if line.count(" ") == 1]
        busy = [(t1, t0) for (t0, b0), (t1, b1) in zip(samples, samples[1:], strict=False)
                if b1 - b0 >= 0.1 * self.rate * (t1 - t0)]
        self.idle = 0.0
        if busy:
            first, last = busy[0][1], busy[-1][0]
            span = [(t0, t1, b1 - b0) for (t0, b0), (t1, b1) in zip(samples, samples[1:], strict=False) if first <= t0 and t1 <= last]
            self.idle = sum(t1 - t0 for t0, t1, n in span if n < 0.1 * self.rate * (t1 - t0))
            self.span = last - first
        else:
            self.span = 0.0


def curl(lan: Lan, ns: str, url: str, items: list[tuple[str, int]], work: Path,
         first: list[str]) -> tuple[float, int, float]:
    """One curl process, one kept-alive connection: the signed files `first`, then every
    blob. (wall seconds, blob bytes, seconds of the `first` transfers)."""
    cfg = work / "curl.cfg"
    write_curl_config(cfg, url, items, first)
    t0 = time.perf_counter()
    out = lan.exec(ns, "curl", "-sS", "--fail", "-w", "%{size_download} %{time_total}\\n", "-K", str(cfg), timeout=600)
    wall = time.perf_counter() - t0
    done = [line.split() for line in out.split("\n") if line.strip()]
    return wall, sum(int(n) for n, _ in done[len(first):]), sum(float(t) for _, t in done[:len(first)])


def sync(lan: Lan, ns: str, data: Path, repo: TestRepo, url: str, *peers: str) -> dict:
    root = data.parent / f"{data.name}.root.json"
    root.write_bytes(repo.root())
    out = subprocess.run(["ip", "netns", "exec", ns, sys.executable, "-c", SYNC, str(data), str(root), url, *peers],
                         capture_output=True, text=True, encoding="utf-8", check=True, cwd=REPO_ROOT,
                         env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if not result["ok"]:
        sys.exit(f"sync failed: {result['problems']}")
    return result


def rate_bytes(rate: str) -> float:
    units = {"kbit": 1e3 / 8, "mbit": 1e6 / 8}
    for unit, scale in units.items():
        if rate.endswith(unit):
            return float(rate[: -len(unit)]) * scale
    return float(rate)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rate", default="2mbit")
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--lo-kib", type=int, default=8)
    ap.add_argument("--hi-kib", type=int, default=200)
    ap.add_argument("--rtt-ms", type=int, default=600)
    ap.add_argument("--pcs", default="1,3,10")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--connections", type=int, default=0, help="cap on connections per source (sync/depth.py)")
    ap.add_argument("--only-rtt", action="store_true", help="only case (2)")
    ap.add_argument("--workload", default="term,small", help="term (bench/term_workload.py) and/or small")
    ap.add_argument("--net", type=int, default=0, help="the second octet of 10.N.x.x (two runs at once)")
    args = ap.parse_args()
    if args.connections:
        os.environ["BENCH_CONNECTIONS"] = str(args.connections)
    reason = can_use_netns()
    if reason:
        sys.exit(reason)
    counts = [int(x) for x in args.pcs.split(",") if x]
    workloads = [w for w in args.workload.split(",") if w]
    print(machine())
    print(curl_version())
    with workdir("lan-sync") as work:
        repos: dict[str, TestRepo] = {}
        for name in workloads:
            if name == "small":
                repos[name] = build(work / "hub-small", args.files, args.lo_kib * 1024, args.hi_kib * 1024, seed=7)
            else:
                repos[name] = TestRepo(work / "hub-term")
                write_term(repos[name].src)
                repos[name].publish()
            items = blob_list(repos[name])
            lessons = len(Catalog.from_bytes(repos[name].writer.current_catalog_bytes()).lessons)
            print(f"workload {name}: {lessons} lessons, {len(items)} blobs, {sum(n for _, n in items) / 1e6:.2f} MB; link {args.rate}")
        lan = Lan(tag=f"b{os.getpid() % 1000}", pcs=[f"pc{i}" for i in range(max(counts + [2]))],
                  wan_rate=args.rate, net=78 if not args.net else args.net)
        try:
            lan.up()
            pc = lan.ns("pc0")
            link = rate_bytes(args.rate)
            servers = []
            for w, name in enumerate(workloads):
                repo = repos[name]
                items = blob_list(repo)
                total = sum(n for _, n in items)
                port = PORT + 10 * w
                servers.append(serve_repo(lan, lan.hub, repo.repo, port))
                # This kernel has no sch_netem, so the long round trip is the fault server's
                # latency: every response waits RTT before its status line (curl and sync alike).
                servers.append(serve_repo(lan, lan.hub, repo.repo, port + 1, extra=f"latency={args.rtt_ms / 1000}"))
                rows = []
                first = metadata_list(repo.repo)
                link_goodput: list[float] = []  # curl's blob rate with no added latency
                for rtt in ((args.rtt_ms,) if args.only_rtt else (0, args.rtt_ms)):
                    url = f"http://{lan.hub_ip}:{port + (1 if rtt else 0)}/"
                    # curl asks one file at a time: at a long round trip on the big workload
                    # it would take ~5 min to say what is already known (~0.25 of the link).
                    with_curl = not (rtt and name != "small")
                    for k in range(args.repeat):
                        cw = cb = cm = 0.0
                        curl_wire: Wire | None = None
                        if with_curl:
                            with Wire(lan, link, work / "wire.log") as curl_wire:
                                cw, cb, cm = curl(lan, pc, url, items, work, first)
                            if not rtt:
                                link_goodput.append(cb / (cw - cm))
                        with Wire(lan, link, work / "wire.log") as sync_wire:
                            res = sync(lan, pc, work / f"pc-{name}-{rtt}-{k}", repo, url)
                        sb = total
                        rate = sb / res["wall"]
                        goodput = sorted(link_goodput)[len(link_goodput) // 2] if link_goodput else 0.0
                        rows.append([name, f"{rtt} ms", k + 1, f"{cb / (cw - cm) / 1e3:.1f}" if cw else "",
                                     f"{rate / 1e3:.1f}",
                                     f"{rate / (cb / (cw - cm)):.3f}" if cw else "",
                                     f"{cw / res['wall']:.3f}" if cw else "",
                                     f"{rate / goodput:.3f}" if rtt and goodput else "",
                                     f"{rate / link:.3f}",
                                     f"{(sb / res['transfer']) / link:.3f}", f"{res['metadata']:.2f}",
                                     f"{res['to_first_byte']:.2f}",
                                     f"{res['gaps']:.2f} ({res['gap_count']}, max {res['longest_gap']:.2f})",
                                     f"{res['after_last_byte']:.2f}",
                                     f"{curl_wire.idle:.2f} / {curl_wire.span:.2f}" if curl_wire else "",
                                     f"{sync_wire.idle:.2f} / {sync_wire.span:.2f}",
                                     res.get("depth", "")])
                    print(table(["workload", "added RTT", "run", "curl kB/s (blobs)", "sync kB/s", "sync / curl (blobs)",
                                 "sync / curl (same files: TUF metadata + blobs)", "sync / curl at 0 ms (link goodput)",
                                 "sync / link",
                                 "sync / link (transfer phase)", "metadata s", "to 1st byte s",
                                 "gaps > 50 ms: s (n, max)", "after last byte s", "curl wire idle / span s",
                                 "sync wire idle / span s", "requests ahead (max)"], rows),
                          flush=True)
                    rows = []
            for server in servers:
                server.kill()
            if not counts:
                return
            repo = repos.get("small") or build(work / "hub-small", args.files, args.lo_kib * 1024,
                                                 args.hi_kib * 1024, seed=7)
            total = sum(n for _, n in blob_list(repo))
            serve_repo(lan, lan.hub, repo.repo, PORT)
            url = f"http://{lan.hub_ip}:{PORT}/"

            # (3) WAN bytes: N PCs from the hub, or one central school sharing with the rest.
            lan.shape("20mbit")  # counting bytes, not time
            rows = []
            for n in counts:
                before = lan.hub_tx_bytes()
                for i in range(n):
                    sync(lan, lan.ns(f"pc{i}"), work / f"direct-{n}-{i}", repo, url)
                direct = lan.hub_tx_bytes() - before
                before = lan.hub_tx_bytes()
                school = work / f"school-{n}"
                sync(lan, lan.ns("pc0"), school, repo, url)
                share = lan.spawn(lan.ns("pc0"), sys.executable, "-m", "eduteach_desktop", "--data-dir", str(school),
                                  "share", "--no-announce")
                assert share.stdout is not None and share.stdout.readline().startswith(b"sharing")
                peer = f"http://{lan.ip_of('pc0')}:8765/"
                for i in range(1, n):
                    sync(lan, lan.ns(f"pc{i}"), work / f"mirror-{n}-{i}", repo, url, peer)
                mirrored = lan.hub_tx_bytes() - before
                share.kill()
                share.wait()
                rows.append([n, f"{direct / 1e6:.2f}", f"{mirrored / 1e6:.2f}", f"{direct / total:.2f}",
                             f"{mirrored / total:.2f}"])
            print(table(["PCs", "WAN MB, each from hub", "WAN MB, LAN mirror", "copies", "copies (mirror)"], rows))
        finally:
            lan.close()


if __name__ == "__main__":
    main()
