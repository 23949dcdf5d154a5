#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Measurement integration test (issue 19): real PostgreSQL 15 (a primary and a streaming
replica), PgBouncer in transaction mode with a small pool, PostgreSQL's Prometheus exporter
and Prometheus scraping it, all on 127.0.0.1 in a temporary folder, run as the postgres
user. Three short pgbench phases run through PgBouncer: a closed loop below the pool size,
one above it (clients wait for a server), and one with --rate (Poisson arrivals). What the
servers report is captured and read by `headroom-cli measure`, and `headroom-cli calibrate`
must fit a model whose residuals at the measured load are within 10%.

Every server is started by this script as a child process (its PID known) and stopped in a
finally block, even when a check fails; every step has a timeout. Exit 77 (a skip, which
CTest reports as such) only when the servers cannot run as the postgres user.

--keep DIR copies the captured outputs there (tests/measure/fixtures holds one capture).
"""
import argparse
import json
import os
import pwd
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import urllib.request

PG_BIN = "/usr/lib/postgresql/15/bin"
SKIP = 77
POOL_SIZE = 4
PHASE_S = 8


def log(*words):
    print("[measure]", *words, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Servers:
    """Child processes started as the postgres user, stopped by PID."""

    def __init__(self, user):
        self.user = user
        self.children = []  # (name, Popen, stop signal)

    def demote(self):
        os.setgid(self.user.pw_gid)
        os.initgroups(self.user.pw_name, self.user.pw_gid)
        os.setuid(self.user.pw_uid)

    def run(self, args, timeout=120, env=None, check=True):
        result = subprocess.run(args, preexec_fn=self.demote, capture_output=True, text=True, timeout=timeout,
                                env=env)
        if check and result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({result.returncode}): {result.stderr.strip()[:2000]}")
        return result

    def start(self, name, args, log_path, stop_signal=signal.SIGTERM, env=None):
        out = open(log_path, "wb")
        process = subprocess.Popen(args, preexec_fn=self.demote, stdout=out, stderr=subprocess.STDOUT, env=env)
        out.close()
        self.children.append((name, process, stop_signal))
        log(f"started {name} (pid {process.pid})")
        return process

    def stop_all(self):
        for name, process, stop_signal in reversed(self.children):
            if process.poll() is not None:
                continue
            try:
                process.send_signal(stop_signal)
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
            log(f"stopped {name} (pid {process.pid})")
        self.children.clear()


def wait_until(what, predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except Exception:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"timed out waiting for {what}")


def http_get(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode()


def reachable_temp_dir():
    """A folder for the servers' files that the postgres user can reach: the system's temporary
    folder, unless a folder above it is closed to others (TMPDIR inside a checkout made by
    mktemp -d is mode 0700), then /tmp."""
    folder = os.path.realpath(tempfile.gettempdir())
    path = folder
    while True:
        if not os.stat(path).st_mode & stat.S_IXOTH:
            return "/tmp"
        parent = os.path.dirname(path)
        if parent == path:
            return folder
        path = parent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--keep", help="copy the captured outputs to this folder")
    options = parser.parse_args()
    started = time.monotonic()

    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        print("SKIP: there is no postgres user on this machine (install postgresql-15)")
        return SKIP
    if os.geteuid() != 0 and os.geteuid() != user.pw_uid:
        print("SKIP: the servers run as the postgres user, and this test runs neither as root nor as postgres")
        return SKIP
    tools = {"initdb": f"{PG_BIN}/initdb", "postgres": f"{PG_BIN}/postgres", "pg_basebackup": f"{PG_BIN}/pg_basebackup",
             "pgbench": f"{PG_BIN}/pgbench", "psql": "/usr/bin/psql", "pgbouncer": "/usr/sbin/pgbouncer",
             "prometheus": "/usr/bin/prometheus", "exporter": "/usr/bin/prometheus-postgres-exporter"}
    missing = [path for path in tools.values() if not os.access(path, os.X_OK)]
    if missing:
        print("FAIL: missing " + ", ".join(missing) + " (./build.sh test installs postgresql, pgbouncer, prometheus "
              "and prometheus-postgres-exporter)")
        return 1

    work = tempfile.mkdtemp(prefix="headroom-measure-", dir=reachable_temp_dir())
    os.chmod(work, 0o755)
    os.chown(work, user.pw_uid, user.pw_gid)
    captures = os.path.join(work, "captures")
    os.makedirs(captures)
    servers = Servers(user)
    ports = {name: free_port() for name in ("primary", "replica", "bouncer", "exporter", "prometheus")}
    try:
        # --- PostgreSQL 15: a primary and a streaming replica -------------------------------
        primary = os.path.join(work, "primary")
        servers.run([tools["initdb"], "-D", primary, "-A", "trust", "-U", "postgres", "--no-sync"])
        with open(os.path.join(primary, "postgresql.conf"), "a") as conf:
            conf.write(f"""
listen_addresses = '127.0.0.1'
port = {ports['primary']}
unix_socket_directories = '{work}'
wal_level = replica
max_wal_senders = 4
max_connections = 40
shared_buffers = 64MB
fsync = off
synchronous_commit = off
full_page_writes = off
""")
        with open(os.path.join(primary, "pg_hba.conf"), "a") as hba:
            hba.write("host replication postgres 127.0.0.1/32 trust\n")
        servers.start("primary", [tools["postgres"], "-D", primary], os.path.join(work, "primary.log"), signal.SIGINT)
        wait_until("the primary", lambda: servers.run([tools["psql"], "-h", "127.0.0.1", "-p", str(ports["primary"]),
                                                      "-U", "postgres", "-c", "select 1"], timeout=5).returncode == 0)
        replica = os.path.join(work, "replica")
        servers.run([tools["pg_basebackup"], "-h", "127.0.0.1", "-p", str(ports["primary"]), "-U", "postgres",
                     "-D", replica, "-R", "-X", "stream", "--no-sync"])
        with open(os.path.join(replica, "postgresql.conf"), "a") as conf:
            conf.write(f"port = {ports['replica']}\n")
        with open(os.path.join(replica, "postgresql.auto.conf"), "a") as conf:
            conf.write(f"primary_conninfo = 'host=127.0.0.1 port={ports['primary']} user=postgres "
                       f"application_name=replica1'\n")
        servers.start("replica", [tools["postgres"], "-D", replica], os.path.join(work, "replica.log"), signal.SIGINT)
        psql_primary = [tools["psql"], "-X", "-h", "127.0.0.1", "-p", str(ports["primary"]), "-U", "postgres"]
        wait_until("the replica to stream", lambda: "streaming" in servers.run(
            psql_primary + ["-Atc", "select state from pg_stat_replication"], timeout=5).stdout)
        servers.run(psql_primary + ["-c", "create database bench"])
        servers.run([tools["pgbench"], "-h", "127.0.0.1", "-p", str(ports["primary"]), "-U", "postgres", "-i", "-s",
                     "4", "-q", "bench"], timeout=180)

        # --- PgBouncer: transaction pooling, a pool of 4 --------------------------------------
        with open(os.path.join(work, "userlist.txt"), "w") as users:
            users.write('"postgres" ""\n')
        ini = os.path.join(work, "pgbouncer.ini")
        with open(ini, "w") as conf:
            conf.write(f"""[databases]
bench = host=127.0.0.1 port={ports['primary']} dbname=bench user=postgres pool_size={POOL_SIZE}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {ports['bouncer']}
unix_socket_dir =
auth_type = trust
auth_file = {work}/userlist.txt
admin_users = postgres
pool_mode = transaction
max_client_conn = 100
default_pool_size = {POOL_SIZE}
stats_period = 2
""")
        for path in (work + "/userlist.txt", ini):
            os.chown(path, user.pw_uid, user.pw_gid)
        servers.start("pgbouncer", [tools["pgbouncer"], ini], os.path.join(work, "pgbouncer.log"), signal.SIGINT)
        admin = [tools["psql"], "-X", "-h", "127.0.0.1", "-p", str(ports["bouncer"]), "-U", "postgres", "pgbouncer"]
        wait_until("PgBouncer", lambda: servers.run(admin + ["-c", "show version"], timeout=5).returncode == 0)

        # --- Prometheus scraping PostgreSQL's exporter (and itself) ---------------------------
        exporter_env = dict(os.environ, DATA_SOURCE_NAME=f"host=127.0.0.1 port={ports['primary']} user=postgres "
                                                         f"dbname=postgres sslmode=disable")
        servers.start("postgres-exporter", [tools["exporter"], f"--web.listen-address=127.0.0.1:{ports['exporter']}"],
                      os.path.join(work, "exporter.log"), env=exporter_env)
        prom = os.path.join(work, "prometheus.yml")
        with open(prom, "w") as conf:
            conf.write(f"""global:
  scrape_interval: 250ms
  scrape_timeout: 200ms
scrape_configs:
  - job_name: postgres
    static_configs:
      - targets: ['127.0.0.1:{ports['exporter']}']
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:{ports['prometheus']}']
""")
        os.makedirs(os.path.join(work, "tsdb"))
        os.chown(os.path.join(work, "tsdb"), user.pw_uid, user.pw_gid)
        servers.start("prometheus", [tools["prometheus"], f"--config.file={prom}",
                                     f"--storage.tsdb.path={work}/tsdb",
                                     f"--web.listen-address=127.0.0.1:{ports['prometheus']}"],
                      os.path.join(work, "prometheus.log"))
        wait_until("Prometheus", lambda: "Ready" in http_get(f"http://127.0.0.1:{ports['prometheus']}/-/ready"))
        exporter_url = f"http://127.0.0.1:{ports['exporter']}/metrics"
        wait_until("the exporter", lambda: "pg_stat_database_xact_commit" in http_get(exporter_url))
        wait_until("Prometheus's first scrape of the exporter", lambda: "pg_up" in http_get(
            f"http://127.0.0.1:{ports['prometheus']}/federate?match[]=pg_up"))

        # PgBouncer lists a database in SHOW STATS once a client has used it.
        servers.run([tools["psql"], "-X", "-h", "127.0.0.1", "-p", str(ports["bouncer"]), "-U", "postgres", "-c",
                     "select 1", "bench"], timeout=10)

        def save(name, text):
            with open(os.path.join(captures, name), "w") as f:
                f.write(text)

        def snapshot(tag):
            save(f"{tag}-stats.txt", servers.run(admin + ["-c", "show stats"], timeout=10).stdout)
            save(f"{tag}-metrics.txt", http_get(exporter_url))
            return time.monotonic()

        bench = [tools["pgbench"], "-h", "127.0.0.1", "-p", str(ports["bouncer"]), "-U", "postgres", "-N", "-T",
                 str(PHASE_S)]
        phases = {"below": ["-c", "2", "-j", "2"], "above": ["-c", "16", "-j", "2"],
                  "rate": ["-c", "4", "-j", "2", "--rate", "60"]}
        intervals = {}
        for phase, extra in phases.items():
            log(f"phase {phase}: pgbench {' '.join(extra)} for {PHASE_S} s")
            t0 = snapshot(f"{phase}-before")
            run = subprocess.Popen(bench + extra + ["bench"], preexec_fn=servers.demote, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
            try:
                time.sleep(PHASE_S / 2)
                save(f"{phase}-pools.txt", servers.run(admin + ["-c", "show pools"], timeout=10).stdout)
                save(f"{phase}-replication.txt", servers.run(
                    psql_primary + ["-c", "select * from pg_stat_replication"], timeout=10).stdout)
                report, _ = run.communicate(timeout=PHASE_S + 60)
            finally:
                if run.poll() is None:
                    run.kill()
                    run.wait(timeout=10)
            if run.returncode != 0:
                raise RuntimeError(f"pgbench ({phase}) failed: {report[-2000:]}")
            t1 = snapshot(f"{phase}-after")
            intervals[phase] = round(t1 - t0, 3)
            save(f"{phase}-pgbench.txt", report)
        # The other forms psql prints, and what Prometheus itself reports.
        save("rate-after-stats.csv", servers.run(admin + ["--csv", "-c", "show stats"], timeout=10).stdout)
        save("rate-after-stats-unaligned.txt", servers.run(admin + ["-A", "-F", "|", "-c", "show stats"],
                                                            timeout=10).stdout)
        save("pools.csv", servers.run(admin + ["--csv", "-c", "show pools"], timeout=10).stdout)
        save("replication.csv", servers.run(psql_primary + ["--csv", "-c", "select * from pg_stat_replication"],
                                            timeout=10).stdout)
        save("prometheus-self.txt", http_get(f"http://127.0.0.1:{ports['prometheus']}/metrics"))
        save("prometheus-federate.txt", http_get(
            f"http://127.0.0.1:{ports['prometheus']}/federate?match[]=pg_stat_database_xact_commit"))
        save("intervals.json", json.dumps(intervals, indent=1) + "\n")
    finally:
        servers.stop_all()
    if options.keep:
        os.makedirs(options.keep, exist_ok=True)
        for name in sorted(os.listdir(captures)):
            shutil.copy(os.path.join(captures, name), options.keep)
    failures = check(options.cli, captures, intervals)
    shutil.rmtree(work, ignore_errors=True)
    log(f"took {time.monotonic() - started:.1f} s")
    if failures:
        for f in failures:
            print("FAIL:", f)
        return 1
    print("measure integration: all checks passed")
    return 0


def cli(binary, *args):
    result = subprocess.run([binary, *args], capture_output=True, text=True, timeout=120)
    return result


MODEL = {
    "format": "headroom-model", "version": 1, "name": "pgbench through PgBouncer",
    "components": [
        {"id": "bench", "kind": "clients", "rate_rps": 100},
        {"id": "pgbench", "kind": "app_server", "label": "pgbench client and PgBouncer", "servers": 4,
         "service_ms": 1},
        {"id": "db", "kind": "database", "role": "primary", "servers": 2, "service_ms": 2, "write_fraction": 1},
        {"id": "replica", "kind": "database", "role": "replica", "servers": 2, "service_ms": 2, "apply_ms": 1},
    ],
    "links": [
        {"from": "bench", "to": "pgbench"},
        {"from": "pgbench", "to": "db", "pool_size": POOL_SIZE},
        {"from": "db", "to": "replica", "kind": "replication"},
    ],
}


def check(binary, captures, intervals):
    failures = []

    def path(name):
        return os.path.join(captures, name)

    def measure(*args):
        result = cli(binary, "measure", *args, "--json")
        if result.returncode != 0:
            failures.append(f"measure {' '.join(args)}: exit {result.returncode}: {result.stderr.strip()}")
            return None
        return json.loads(result.stdout)

    pgbench = {}
    for phase in intervals:
        t = str(intervals[phase])
        stats = measure(path(f"{phase}-before-stats.txt"), path(f"{phase}-after-stats.txt"), "--interval-s", t)
        report = measure(path(f"{phase}-pgbench.txt"))
        pools = measure(path(f"{phase}-pools.txt"))
        replication = measure(path(f"{phase}-replication.txt"))
        metrics = measure(path(f"{phase}-before-metrics.txt"), path(f"{phase}-after-metrics.txt"), "--interval-s", t)
        if None in (stats, report, pools, replication, metrics):
            continue
        pgbench[phase] = report
        db = stats["databases"].get("bench")
        if db is None:
            failures.append(f"{phase}: SHOW STATS has no database 'bench'")
            continue
        if abs(db["xact_rps"] - report["tps"]) > 0.15 * report["tps"]:
            failures.append(f"{phase}: PgBouncer's {db['xact_rps']:.1f} transactions/s and pgbench's "
                            f"{report['tps']:.1f} tps differ by more than 15%")
        if abs(db["busy_connections"] - db["xact_rps"] * db["mean_server_ms"] / 1000) > 1e-9:
            failures.append(f"{phase}: busy_connections is not Little's law")
        if report["open_loop"] != (phase == "rate"):
            failures.append(f"{phase}: open_loop is {report['open_loop']}")
        if stats["source"] != "pgbouncer-stats" or pools["source"] != "pgbouncer-pools" or \
                replication["source"] != "pg_stat_replication" or metrics["source"] != "prometheus":
            failures.append(f"{phase}: a capture was recognised as something else")
        if "replica1" not in replication["replicas"]:
            failures.append(f"{phase}: pg_stat_replication has no replica1")
        series = [k for k in metrics["series"] if k.startswith("pg_stat_database_xact_commit{") and
                  'datname="bench"' in k]
        if len(series) != 1:
            failures.append(f"{phase}: the exporter's xact_commit for bench is missing")
        elif not metrics["series"][series[0]]["rate_per_s"] > 0:
            # Only "it counted": PostgreSQL 15 flushes these counters now and then, and autovacuum
            # and pgbench's own vacuum commit too, so over 8 s it is no measure of the workload.
            failures.append(f"{phase}: the exporter's commit counter did not move")
        if phase == "above" and not db["mean_wait_ms"] > db["mean_server_ms"]:
            failures.append("above the pool size, clients should wait longer for a server than they hold it: "
                            f"wait {db['mean_wait_ms']:.2f} ms, held {db['mean_server_ms']:.2f} ms")
    for name in ("rate-after-stats.csv", "rate-after-stats-unaligned.txt", "pools.csv", "replication.csv",
                 "prometheus-self.txt", "prometheus-federate.txt"):
        result = measure(path(name))
        if result is not None and name == "prometheus-self.txt":
            histograms = [k for k, v in result["series"].items() if v["type"] == "histogram"]
            if not histograms:
                failures.append("Prometheus's own /metrics read without any histogram")

    # Calibrate from the open (--rate) phase: its arrivals are Poisson, as the model's.
    model_path = os.path.join(captures, "model.json")
    with open(model_path, "w") as f:
        json.dump(MODEL, f, indent=1)
    t = str(intervals["rate"])
    result = cli(binary, "calibrate", model_path,
                 "--measure", path("rate-pgbench.txt"),
                 "--measure", f"{path('rate-before-stats.txt')},{path('rate-after-stats.txt')}@{t}",
                 "--measure", path("rate-replication.txt"),
                 "--map", "pgbench=pgbench", "--map", "bench=pgbench->db", "--map", "replica1=replica",
                 "-o", os.path.join(captures, "calibrated.json"), "--json")
    if result.returncode != 0:
        failures.append(f"calibrate: exit {result.returncode}: {result.stderr.strip()}")
        return failures
    calibration = json.loads(result.stdout)
    text = cli(binary, "calibrate", model_path, "--measure", path("rate-pgbench.txt"),
               "--measure", f"{path('rate-before-stats.txt')},{path('rate-after-stats.txt')}@{t}",
               "--measure", path("rate-replication.txt"),
               "--map", "pgbench=pgbench", "--map", "bench=pgbench->db", "--map", "replica1=replica")
    print(text.stdout)
    compared = [r for r in calibration["residuals"] if r["relative_residual"] is not None]
    if len(compared) < 7:
        failures.append(f"calibrate compared only {len(compared)} figures")
    for r in compared:
        if abs(r["relative_residual"]) > 0.10:
            failures.append(f"calibrate: {r['object']} -> {r['target']} {r['figure']}: measured {r['measured']}, "
                            f"modelled {r['modelled']}: residual {r['relative_residual']:+.1%} ({r['reason']})")
    fields = {(c.get("component") or c.get("link"), c["field"]) for c in calibration["changes"]}
    for wanted in (("bench", "rate_rps"), ("pgbench", "service_ms"), ("db", "service_ms"), ("replica", "apply_ms")):
        if wanted not in fields:
            failures.append(f"calibrate did not set {wanted[0]}.{wanted[1]}")
    with open(os.path.join(captures, "calibrated.json")) as f:
        calibrated = json.load(f)
    # The question the user came with: the phase above the pool size, predicted by the model
    # calibrated at the open phase (a closed loop of its clients, no think time), against
    # what pgbench measured. Printed for docs/calibration.md; the error is not a pass mark.
    closed = json.loads(json.dumps(calibrated))
    for c in closed["components"]:
        if c["id"] == "bench":
            c.pop("rate_rps", None)
            c.pop("calibrated", None)
            c["users"] = int(pgbench["above"]["clients"]) if "above" in pgbench else 16
            c["think_ms"] = 0
    closed_path = os.path.join(captures, "closed.json")
    with open(closed_path, "w") as f:
        json.dump(closed, f, indent=1)
    predicted = cli(binary, "solve", closed_path, "--json")
    if predicted.returncode == 0 and "above" in pgbench:
        p = json.loads(predicted.stdout)
        measured = pgbench["above"]
        log(f"above the pool size: predicted {p['throughput_rps']:.1f} tps, {p['mean_response_ms']:.1f} ms; "
            f"pgbench measured {measured['tps']:.1f} tps, {measured['latency_avg_ms']:.1f} ms "
            f"(errors {p['throughput_rps'] / measured['tps'] - 1:+.1%}, "
            f"{p['mean_response_ms'] / measured['latency_avg_ms'] - 1:+.1%})")
    else:
        failures.append(f"solve of the closed prediction: exit {predicted.returncode}: {predicted.stderr.strip()}")
    if not any("calibrated" in c for c in calibrated["components"]):
        failures.append("the calibrated model does not mark its calibrated fields")
    # Bad input: exit 2, nothing written.
    bad_out = os.path.join(captures, "never.json")
    for args, wanted in (
            (["--measure", path("rate-pgbench.txt"), "--map", "pgbench=ghost"], "ghost"),
            (["--measure", f"{path('rate-after-stats.txt')},{path('rate-before-stats.txt')}@{t}",
              "--map", "bench=pgbench->db"], "total_xact_count"),
            (["--measure", f"{path('rate-before-stats.txt')},{path('rate-after-stats.txt')}@0",
              "--map", "bench=pgbench->db"], "interval"),
            (["--measure", model_path, "--map", "bench=db"], "model.json")):
        result = cli(binary, "calibrate", model_path, *args, "-o", bad_out)
        if result.returncode != 2 or wanted not in result.stderr or os.path.exists(bad_out):
            failures.append(f"calibrate {' '.join(args)}: expected exit 2 naming {wanted}, got "
                            f"{result.returncode}: {result.stderr.strip()}")
    return failures


if __name__ == "__main__":
    sys.exit(main())
