#!/usr/bin/env python3
"""Upgrade drill (driven by scripts/upgrade-drill): from the previous release (v0.2.0, schema 12)
to this one, while writes go on.

Short form (CI): a database migrated by v0.2.0's schema.sql (a copy in scripts/drills/releases), recorded in
award_schema_migrations as v0.2.0's migrator recorded it, with data written the way v0.2.0's
NominationStore writes it; writers in that shape go on while this awardctl's `db migrate` runs;
then two awardd of this release serve the migrated database under load. No acknowledged write is
lost, no answer is a 5xx, the old histories verify, the old users' tokens still work.

Long form: v0.2.0 built from a git worktree (scripts/upgrade-drill does it); two old awardd behind
nginx under load; `awardctl db migrate` of this release; each old awardd replaced by a new one in
turn (nginx reloaded before the old one gets SIGTERM). No acknowledged write lost, no request
refused or answered 5xx."""
import argparse, hashlib, json, os, re, subprocess, sys, threading, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (BIN, ROOT, TODAY, Daemon, Load, call, create_database, ctl, finish, free_port, make_dir, missing,
                    pg_start, pg_stop, psql, row, seed_data)

TMP = os.environ["AWARD_DRILL_DIR"]
OLD = "v0.2.0"


def old_migrations():
    """v0.2.0's migrations: its schema.sql (kept in scripts/drills/releases, since a clone may carry no tags)
    split at its `-- migration: N name` lines (its Migrator.parse)."""
    with open(os.path.join(ROOT, "scripts", "drills", "releases", f"{OLD}-schema.sql"), encoding="utf-8") as f:
        text = f.read()
    migrations = []
    for line in text.split("\n"):
        found = re.match(r"-- migration: (\d+) ?(.*)", line)
        if found:
            migrations.append([int(found.group(1)), found.group(2), ""])
        elif migrations:
            migrations[-1][2] += line + "\n"
    return migrations


def migrate_as_v020(owner):
    """What v0.2.0's Migrator.migrate does, in one transaction as the owner."""
    script = ["SELECT pg_advisory_xact_lock(7420001);",
              "CREATE TABLE IF NOT EXISTS award_schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());"]
    for version, name, sql in old_migrations():
        script += [sql, f"INSERT INTO award_schema_migrations (version, name) VALUES ({version}, '{name}');"]
    out = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-d", owner, "-f", "-"],
                         input="\n".join(script), capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"v0.2.0 schema: {out.stderr[-300:]}")
    return len(old_migrations())


def old_write(owner, ids, name):
    """One nomination created as v0.2.0's NominationStore.create writes it (nominee, nomination
    pending at the district, its 'create' history row), in one transaction. Returns its id."""
    sql = f"""WITH e AS (INSERT INTO nominees (name, type, home_org_id) VALUES ('{name}', 'individual', {ids['P1']}) RETURNING id),
        n AS (INSERT INTO nominations (kind_code, nominee_id, unit_id, year, reason, route, tier, state, current_org_id, version,
                                       pack_id, submitted_on, commendation_type)
              SELECT 'giay-khen', e.id, {ids['P1']}, {TODAY[:4]}, NULL, ARRAY[{ids['TP']}]::bigint[], 1, 'pending', {ids['TP']}, 1,
                     NULL, '{TODAY}'::date, 'annual' FROM e RETURNING id)
        INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, at)
        SELECT n.id, 1, 'create', NULL, 'pending', 1, {ids['P1']}, 'nom', NULL, now() FROM n RETURNING nomination_id"""
    return int(psql(owner, sql))


def seed_v020(owner):
    """Orgs and users as v0.2.0 stored them (a token is kept as its SHA-256); returns org ids and tokens."""
    ids = {}
    for code, name, level, parent in [("TW", "Chính phủ", "central", None), ("LC", "UBND tỉnh Lào Cai", "province", "TW"),
                                      ("TP", "UBND thành phố Lào Cai", "district", "LC"), ("P1", "UBND phường Duyên Hải", "commune", "TP")]:
        ids[code] = int(psql(owner, f"INSERT INTO orgs (code, name, level, parent_id) VALUES ('{code}', '{name}', '{level}', "
                                    f"{ids[parent] if parent else 'NULL'}) RETURNING id"))
    tokens = {}
    for user, org, role in [("nom", "P1", "nominator"), ("ward", "TP", "approver"), ("aud", "LC", "auditor")]:
        tokens[user] = "awd_" + hashlib.sha256(f"upgrade-drill {user} {time.time()}".encode()).hexdigest()[:43]
        psql(owner, f"INSERT INTO users (name, org_id, role, token_hash) VALUES ('{user}', {ids[org]}, '{role}', "
                    f"'{hashlib.sha256(tokens[user].encode()).hexdigest()}')")
    return ids, tokens


class OldWriters:
    """Writers in v0.2.0's shape, straight to the database, each acknowledged id recorded with its
    latency; a failed write is recorded with its error."""

    def __init__(self, owner, ids, writers=2):
        self.owner, self.ids, self.acks, self.errors, self.latency, self.conflicts = owner, ids, [], [], [], []
        self.stop_flag, self.threads = threading.Event(), []
        for n in range(writers):
            t = threading.Thread(target=self.run, args=(n,), daemon=True)
            t.start()
            self.threads.append(t)

    def run(self, n):
        i = 0
        while not self.stop_flag.is_set():
            i += 1
            name = f"Người cũ {n}-{i}"
            sent = time.time()
            try:
                nid = old_write(self.owner, self.ids, name)
                self.acks.append((nid, name, sent, time.time(), None))
                self.latency.append((sent, time.time() - sent))
            except RuntimeError as error:
                # v0.2.0 answers a deadlock or serialization failure 409 (a lost race: retry);
                # anything else is an error.
                if "deadlock detected" in str(error) or "could not serialize" in str(error):
                    self.conflicts.append(str(error).split("\n")[0][:120])
                else:
                    self.errors.append(str(error)[:200])
            time.sleep(0.02)

    def stop(self):
        self.stop_flag.set()
        for t in self.threads:
            t.join(timeout=60)


def short(figures):
    create_database(f"{TMP}/pg", "award")
    owner, app = f"host={TMP}/pg dbname=award user=award_owner", f"host={TMP}/pg dbname=award user=awardd"
    count = migrate_as_v020(owner)
    ids, tokens = seed_v020(owner)
    old = [(old_write(owner, ids, f"Người trước nâng cấp {i}"), f"Người trước nâng cấp {i}") for i in range(50)]
    row("v0.2.0 schema (its schema.sql), with its data", psql(owner, "SELECT max(version) FROM award_schema_migrations") == str(count),
        f"schema {count}, {len(old)} nominations written as v0.2.0 writes them")
    writers = OldWriters(owner, ids)
    time.sleep(2)
    t0 = time.time()
    migrated = ctl(owner, "db", "migrate", "--database-url", owner, "--format", "json", check=False)
    migrate_seconds = time.time() - t0
    time.sleep(2)
    writers.stop()
    during = [l for s, l in writers.latency if t0 - 0.5 <= s <= t0 + migrate_seconds]
    row("db migrate while v0.2.0-shaped writes go on", migrated.returncode == 0 and not writers.errors,
        f"{migrate_seconds:.2f} s, {(migrated.stdout or migrated.stderr).strip()[:120]}; old writes {len(writers.acks)}, "
        f"failed {len(writers.errors)} {writers.errors[:1]}, refused by a deadlock with migrate (v0.2.0 answers 409: retry) {len(writers.conflicts)}")
    daemons = [Daemon(app, f"{TMP}/awardd-{n}.log", extra=["--no-migrate"]) for n in (1, 2)]
    load = None
    try:
        t_start = time.time()
        for daemon in daemons:
            daemon.start()
        serve = time.time() - t_start
        load = Load([d.port for d in daemons], tokens["nom"], writers=3, tag="nang-cap").start()
        # The old users' tokens work, and an old nomination moves on under this release.
        inbox = call(daemons[0].port, "GET", "/v1/inbox", tokens["ward"])[0]
        approve = call(daemons[1].port, "POST", f"/v1/nominations/{old[0][0]}/approve", tokens["ward"],
                       {"decision": {"date": TODAY}})[0]
        row("old users and nominations under this release", inbox == 200 and approve in (200, 201), f"inbox {inbox}, approve an old one {approve}")
        time.sleep(15)
        load.stop()
        acks = load.acked() + writers.acks + [(i, n, 0, 0, None) for i, n in old]
        lost, _ = missing(f"host={TMP}/pg dbname=award user=postgres", acks)
        row("every acknowledged write is there", not lost, f"acknowledged {len(acks)} (old shape {len(writers.acks) + len(old)}, "
            f"through awardd {len(load.acks)}), missing {[a[0] for a in lost[:5]]}")
        row("no 5xx from the new awardd", not load.five_xx(), str(dict(sorted(load.statuses.items()))))
        verify = ctl(app, "audit", "verify", check=False)
        row("audit verify: old and new histories", verify.returncode == 0, (verify.stdout or verify.stderr).strip().splitlines()[0])
        figures.update({"writes acknowledged": len(acks), "writes found": len(acks) - len(lost),
                        "db migrate 12 → current (seconds)": f"{migrate_seconds:.2f}",
                        "slowest old-shape write during migrate": f"{max(during, default=0):.2f} s",
                        "old-shape writes refused by a deadlock with migrate": len(writers.conflicts),
                        "time to serve (two new awardd ready)": f"{serve:.1f} s", "answers": dict(sorted(load.statuses.items()))})
    finally:
        if load:
            load.stop()
        for daemon in daemons:
            daemon.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--long", action="store_true")
    args = parser.parse_args()
    started = time.time()
    figures = {}
    pg_start(make_dir(f"{TMP}/pg"), "-c max_connections=100")
    try:
        if args.long:
            import upgrade_long
            upgrade_long.run(figures)
        else:
            short(figures)
    except Exception as error:   # a step that could not run is a failure, never a skip
        row("the drill ran to its end", False, str(error)[:400])
    finally:
        pg_stop(f"{TMP}/pg")
    finish("long" if args.long else "short", started, figures)


if __name__ == "__main__":
    main()
