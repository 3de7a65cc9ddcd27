#!/usr/bin/env python3
"""Failover drill (driven by scripts/failover-drill): a primary and a synchronous hot standby
(streaming replication, pg_basebackup -R, synchronous_standby_names), each on a Unix socket in
its own directory; two awardd with one libpq multi-host connection string
(host=A,B target_session_attrs=read-write) under load. The primary and all its processes are
killed with SIGKILL mid-load and the standby promoted with pg_ctl promote: both awardd must serve
again without a restart, and every acknowledged write must be on the new primary."""
import argparse, os, signal, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (Daemon, Load, call, create_database, ctl, finish, make_dir, missing, owner_cmd, pg_start, pg_stop,
                    postmaster_pid, psql, row, seed)

TMP = os.environ["AWARD_DRILL_DIR"]
PGBIN = os.environ["AWARD_PG_BIN"]


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--long", action="store_true")
    args = parser.parse_args()
    started = time.time()
    before_kill, after_serve, writers = (60, 60, 6) if args.long else (10, 10, 4)
    primary, standby = make_dir(f"{TMP}/a"), make_dir(f"{TMP}/b")
    pg_start(primary, "-c wal_level=replica -c max_wal_senders=5 -c wal_keep_size=64MB -c synchronous_commit=on")
    create_database(primary, "award")
    owner = f"host={primary} dbname=award user=award_owner"
    tokens = seed(f"host={primary} dbname=award user=awardd", owner)
    subprocess.run(owner_cmd([f"{PGBIN}/pg_basebackup", "-d", f"host={primary} user=postgres application_name=standby1",
                              "-D", f"{standby}/data", "-R", "-X", "stream", "-c", "fast"]), check=True)
    pg_start(standby, "-c hot_standby=on")
    # Synchronous only now that the standby exists (a commit waits for it), and only on the
    # primary: the promoted standby must not wait for a standby of its own.
    psql(f"host={primary} dbname=postgres user=postgres", "ALTER SYSTEM SET synchronous_standby_names = 'FIRST 1 (standby1)'")
    psql(f"host={primary} dbname=postgres user=postgres", "SELECT pg_reload_conf()")
    deadline = time.time() + 30
    state = ""
    while time.time() < deadline and state != "standby1|streaming|sync":
        state = psql(f"host={primary} dbname=postgres user=postgres", "SELECT application_name, state, sync_state FROM pg_stat_replication")
        time.sleep(0.2)
    row("replication: the standby streams synchronously", state == "standby1|streaming|sync", state)
    multi = f"host={primary},{standby} port=5432,5432 dbname=award user=awardd target_session_attrs=read-write connect_timeout=2"
    daemons = [Daemon(multi, f"{TMP}/awardd-{n}.log") for n in (1, 2)]
    figures, load = {}, None
    try:
        for daemon in daemons:
            daemon.start()
        pids = [d.proc.pid for d in daemons]
        load = Load([d.port for d in daemons], tokens["nom"], writers=writers, tag="du-phong", documents=False).start()
        time.sleep(before_kill)
        # The primary's machine is lost: the postmaster and every process of it, at once.
        pid = postmaster_pid(primary)
        victims = [pid] + children(pid)
        t_kill = time.time()
        for victim in victims:
            os.kill(victim, signal.SIGKILL)
        acked_at_kill = len(load.acked(before=t_kill))
        promote = subprocess.run(owner_cmd([f"{PGBIN}/pg_ctl", "-D", f"{standby}/data", "-w", "-t", "60", "promote"]),
                                 capture_output=True, text=True)
        t_promoted = time.time()
        row("failover: pg_ctl promote", promote.returncode == 0, f"{t_promoted - t_kill:.2f} s after the kill, {promote.stdout.strip().splitlines()[-1] if promote.stdout.strip() else promote.stderr.strip()}")
        # Each awardd must write again through the multi-host string, without a restart.
        serve = {}
        deadline = time.time() + 60
        while len(serve) < len(daemons) and time.time() < deadline:
            for n, daemon in enumerate(daemons):
                if n not in serve and call(daemon.port, "POST", "/v1/nominations", tokens["nom"],
                                           {"kind": "giay-khen", "unit": "P1", "nominee": {"name": f"Sau chuyển đổi {n}", "type": "individual"}},
                                           timeout=10)[0] == 201:
                    serve[n] = time.time() - t_kill
            time.sleep(0.05)
        first_ack = min((a[3] for a in load.acked(sent_after=t_kill)), default=None)
        row("failover: both awardd write again, no restart", len(serve) == len(daemons) and [d.proc.pid for d in daemons] == pids
            and all(d.proc.poll() is None for d in daemons),
            f"after the kill: {', '.join(f'awardd {n + 1} {s:.2f} s' for n, s in sorted(serve.items())) or 'never'}")
        time.sleep(after_serve)
        load.stop()
        new_primary = f"host={standby} dbname=award user=postgres"
        acks = load.acked()
        lost, _ = missing(new_primary, acks)
        row("failover: every acknowledged write on the new primary", not lost and acks,
            f"acknowledged {len(acks)} ({acked_at_kill} before the kill), found {len(acks) - len(lost)}, missing {[a[0] for a in lost[:5]]}")
        verify = ctl(f"host={standby} dbname=award user=awardd", "audit", "verify", check=False)
        row("failover: audit verify on the new primary", verify.returncode == 0, (verify.stdout or verify.stderr).strip().splitlines()[0])
        five = {k: v for k, v in load.five_xx().items() if k != "503"}
        row("failover: no 5xx but 503 while no primary", not five, str(dict(sorted(load.statuses.items()))))
        outage = [f for f in load.failures if f[0] >= t_kill - 1]
        figures.update({"writes acknowledged": len(acks), "writes found on the new primary": len(acks) - len(lost),
                        "promote (after the kill)": f"{t_promoted - t_kill:.2f} s",
                        "time to serve again (first write acknowledged)": f"{first_ack - t_kill:.2f} s" if first_ack else "never",
                        "time to serve again, each awardd": ", ".join(f"{s:.2f} s" for _, s in sorted(serve.items())),
                        "writes refused during the failover": len(outage), "answers": dict(sorted(load.statuses.items()))})
        errors = [line for d in daemons for line in open(d.log, errors="replace").read().splitlines() if "error" in line.lower()]
        figures["awardd log lines with 'error'"] = f"{len(errors)}: {errors[:2]}"
    except Exception as error:   # a step that could not run is a failure, never a skip
        row("the drill ran to its end", False, str(error)[:300])
    finally:
        if load:
            load.stop()
        for daemon in daemons:
            daemon.stop()
        for directory in (standby, primary):
            pg_stop(directory)
    finish("long" if args.long else "short", started, figures)


if __name__ == "__main__":
    main()
