"""The upgrade drill's long form: two v0.2.0 awardd behind nginx under load, `awardctl db migrate`
of this release, then each old awardd replaced by a new one in turn (nginx reloaded to the new
set before the old one gets SIGTERM). Driven by scripts/drills/upgrade.py."""
import os, signal, subprocess, time
from common import Daemon, Load, create_database, ctl, free_port, missing, psql, row, seed_data

TMP = os.environ["AWARD_DRILL_DIR"]
OLD_BIN = os.environ.get("AWARD_OLD_BIN", "")


def nginx_conf(port, upstreams):
    base = f"{TMP}/nginx"
    os.makedirs(base, exist_ok=True)
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in upstreams)
    with open(f"{base}/nginx.conf", "w") as f:
        f.write(f"""{'user root;' if os.geteuid() == 0 else ''}
worker_processes 1;
pid {base}/nginx.pid;
error_log {base}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {base}/access.log;
    client_body_temp_path {base}/body; proxy_temp_path {base}/proxy;
    fastcgi_temp_path {base}/fastcgi; uwsgi_temp_path {base}/uwsgi; scgi_temp_path {base}/scgi;
    upstream awardd {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 2m;
        location / {{
            proxy_pass http://awardd;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-Forwarded-For $remote_addr;
            # A POST carries an Idempotency-Key, so trying it on the other awardd is safe.
            proxy_next_upstream error timeout http_502 http_503 non_idempotent;
            proxy_next_upstream_tries 3;
        }}
    }}
}}
""")
    return f"{base}/nginx.conf"


def nginx(conf, *signal_args):
    out = subprocess.run(["nginx", "-c", conf, "-p", f"{TMP}/nginx", *signal_args], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"nginx {' '.join(signal_args)}: {out.stderr.strip()}")


def run(figures):
    if not (OLD_BIN and os.access(f"{OLD_BIN}/awardd", os.X_OK)):
        raise RuntimeError(f"no v0.2.0 awardd in AWARD_OLD_BIN={OLD_BIN!r} (scripts/upgrade-drill --long builds it)")
    host = f"{TMP}/pg"
    create_database(host, "award")
    owner, app = f"host={host} dbname=award user=award_owner", f"host={host} dbname=award user=awardd"
    # v0.2.0 had no application role: its awardd ran as the schema's owner and migrated at start.
    old = [Daemon(owner, f"{TMP}/old-{n}.log", binary=f"{OLD_BIN}/awardd") for n in (1, 2)]
    new = [Daemon(app, f"{TMP}/new-{n}.log", extra=["--no-migrate", "--trusted-proxy", "127.0.0.1/32"]) for n in (1, 2)]
    port = free_port()
    conf = None
    load = None
    try:
        for daemon in old:
            daemon.start()
        tokens = seed_data(owner, binary=f"{OLD_BIN}/awardctl")
        row("v0.2.0: two awardd serve schema 12", psql(owner, "SELECT max(version) FROM award_schema_migrations") == "12",
            f"ports {old[0].port}, {old[1].port}")
        conf = nginx_conf(port, [d.port for d in old])
        nginx(conf)
        load = Load([port], tokens["nom"], writers=4, tag="nang-cap-dai").start()
        time.sleep(30)
        t0 = time.time()
        migrated = ctl(owner, "db", "migrate", "--database-url", owner, "--format", "json", check=False)
        migrate_seconds = time.time() - t0
        row("db migrate of this release under the old awardd", migrated.returncode == 0,
            f"{migrate_seconds:.2f} s {(migrated.stdout or migrated.stderr).strip()[:120]}")
        time.sleep(20)
        after_migrate = dict(load.statuses)
        steps = []
        for n in range(2):
            t = time.time()
            new[n].start()
            upstream = [new[0].port] + ([new[1].port] if n == 1 else [old[1].port])
            conf = nginx_conf(port, upstream)
            nginx(conf, "-s", "reload")
            time.sleep(3)                      # nginx's old workers finish what they hold
            old[n].stop(signal.SIGTERM)
            steps.append(time.time() - t)
            time.sleep(20)
        load.stop()
        acks = load.acked()
        lost, docs = missing(f"host={host} dbname=award user=postgres", acks)
        row("every acknowledged write is there", not lost and acks,
            f"acknowledged {len(acks)} ({docs} with a document), missing {[a[0] for a in lost[:5]]}")
        refused = {k: v for k, v in load.statuses.items() if not k.endswith("201")}
        row("no request refused or answered 5xx", not refused, str(dict(sorted(load.statuses.items()))))
        verify = ctl(app, "audit", "verify", check=False)
        row("audit verify after the upgrade", verify.returncode == 0, (verify.stdout or verify.stderr).strip().splitlines()[0])
        served = [daemon.proc.poll() is None for daemon in new]
        row("the two new awardd serve", all(served), str(served))
        figures.update({"writes acknowledged": len(acks), "writes found": len(acks) - len(lost),
                        "db migrate 12 → current under load (seconds)": f"{migrate_seconds:.2f}",
                        "answers between migrate and the first swap": {k: after_migrate.get(k, 0) for k in after_migrate},
                        "each swap (start, reload, SIGTERM) seconds": ", ".join(f"{s:.1f}" for s in steps),
                        "answers": dict(sorted(load.statuses.items())),
                        "old awardd log lines with 'error'": sum("error" in l.lower() for d in old for l in open(d.log, errors="replace"))})
    finally:
        if load:
            load.stop()
        if conf:
            subprocess.run(["nginx", "-c", conf, "-p", f"{TMP}/nginx", "-s", "quit"], capture_output=True)
        for daemon in old + new:
            daemon.stop()
