#!/usr/bin/env python3
"""Backup drill (driven by scripts/backup-drill): with writers creating nominations and uploading
documents through awardd, (1) pg_dump -Fc and pg_restore --exit-on-error into a fresh database,
(2) continuous archiving, pg_basebackup and point-in-time recovery to a named restore point.
Each copy must hold every write acknowledged before its dump or restore point (with its
document), none sent after the restore point, pass `awardctl audit verify`, give the source's
`audit digest --as-of`, and serve through a new awardd. The personal-data key is backed up
beside the dump: a citizen identity number recorded before it reads back whole through the copy
with the backed-up key, and masked (never wrong) with another key."""
import argparse, base64, json, os, shutil, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (Daemon, Load, call, create_database, ctl, finish, make_dir, missing, owner_cmd, pg_start, pg_stop,
                    present, psql, row, seed, utc_now)

TMP = os.environ["AWARD_DRILL_DIR"]


def same_digest(at, source, copy):
    a = ctl(source, "audit", "digest", "--as-of", at, check=False)
    b = ctl(copy, "audit", "digest", "--as-of", at, check=False)
    return a.returncode == 0 and a.stdout == b.stdout, a.stdout.strip().splitlines()[0][:40] if a.stdout else a.stderr.strip()


def verify(conninfo):
    out = ctl(conninfo, "audit", "verify", check=False)
    return out.returncode == 0, (out.stdout or out.stderr).strip().splitlines()[0] if (out.stdout or out.stderr) else ""


def serves(daemon, token):
    status, _ = call(daemon.port, "POST", "/v1/nominations", token,
                     {"kind": "giay-khen", "unit": "P1", "nominee": {"name": "Sau khôi phục", "type": "individual"}})
    return status


def write_key(path):
    """A personal-data key file (32 random bytes, base64, mode 0600)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, base64.b64encode(os.urandom(32)) + b"\n")
    os.close(fd)
    return path


CCCD = "010090012345"   # Lào Cai, a man born in 1990


def record_cccd(daemon, token):
    status, body = call(daemon.port, "POST", "/v1/nominations", token,
                        {"kind": "giay-khen", "unit": "P1", "nominee": {"name": "Người có CCCD", "type": "individual"}})
    if status != 201:
        return None, f"nomination: HTTP {status} {body[:200]!r}"
    nominee = json.loads(body)["nominee"]["id"]
    status, body = call(daemon.port, "POST", f"/v1/nominees/{nominee}/profile", token,
                        {"birth_date": "1990-01-01", "sex": "male", "cccd": CCCD})
    return (nominee, f"nominee {nominee}") if status == 200 else (None, f"profile: HTTP {status} {body[:300]!r}")


def read_cccd(daemon, token, nominee):
    status, body = call(daemon.port, "GET", f"/v1/nominees/{nominee}/profile", token)
    return json.loads(body).get("cccd") if status == 200 else f"HTTP {status}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--long", action="store_true")
    args = parser.parse_args()
    started = time.time()
    warm, gap, writers = (60, 20, 4) if args.long else (8, 4, 3)
    src, archive = make_dir(f"{TMP}/src"), make_dir(f"{TMP}/archive")
    pg_start(src, f"-c wal_level=replica -c archive_mode=on -c archive_timeout=60 "
                  f"-c archive_command='test ! -f {archive}/%f && cp %p {archive}/%f'")
    create_database(src, "award")
    app, owner = f"host={src} dbname=award user=awardd", f"host={src} dbname=award user=award_owner"
    tokens = seed(app, owner)
    # The key lives outside the database: backed up beside the dump, as OPERATIONS.md says.
    os.environ["AWARDD_PERSONAL_DATA_KEY_FILE"] = write_key(f"{TMP}/secrets/personal-data-key")
    daemons = [Daemon(app, f"{TMP}/awardd-src.log")]
    daemons[0].start()
    with_cccd, said = record_cccd(daemons[0], tokens["nom"])
    row("key: a CCCD is recorded through awardd, sealed with the key", with_cccd is not None, said)
    load = Load([daemons[0].port], tokens["nom"], writers=writers, tag="sao-luu").start()
    figures = {}
    try:
        time.sleep(warm)
        # 1. pg_dump while the writers go on; restore into a fresh database.
        at_dump = utc_now()
        time.sleep(1.1)
        t_dump = time.time()
        dump = f"{TMP}/award.dump"
        subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", owner], check=True)
        dump_seconds = time.time() - t_dump
        backed_up_key = make_dir(f"{TMP}/backup") + "/personal-data-key"
        shutil.copy2(os.environ["AWARDD_PERSONAL_DATA_KEY_FILE"], backed_up_key)
        os.environ["AWARDD_PERSONAL_DATA_KEY_FILE"] = backed_up_key
        time.sleep(gap)
        psql(f"host={src} dbname=postgres user=postgres", "CREATE DATABASE award_copy OWNER award_owner")
        copy_app, copy_owner = f"host={src} dbname=award_copy user=awardd", f"host={src} dbname=award_copy user=award_owner"
        t0 = time.time()
        restore = subprocess.run(["pg_restore", "--exit-on-error", "--no-owner", f"--dbname={copy_owner}", dump], capture_output=True, text=True)
        restore_seconds = time.time() - t0
        row("dump: pg_restore --exit-on-error succeeds", restore.returncode == 0, f"{restore_seconds:.1f} s {restore.stderr.strip()[-200:]}")
        copy_daemon = Daemon(copy_app, f"{TMP}/awardd-copy.log")
        daemons.append(copy_daemon)
        serve_dump = copy_daemon.start() - t0
        before = load.acked(before=t_dump)
        lost, docs = missing(copy_app, before)
        later = load.acked(sent_after=t_dump + dump_seconds)
        row("dump: every write acknowledged before the dump is in the copy", not lost and before,
            f"acknowledged {len(before)} ({docs} with a document), found {len(before) - len(lost)}, missing {[a[0] for a in lost[:5]]}")
        ok, line = verify(copy_app)
        row("dump: audit verify on the copy", ok, line)
        ok, digest = same_digest(at_dump, app, copy_app)
        row("dump: audit digest --as-of equals the source's", ok, f"as of {at_dump}: {digest}")
        status = serves(copy_daemon, tokens["nom"])
        row("dump: a new awardd serves the copy", status == 201, f"{serve_dump:.1f} s from pg_restore to /readyz, a write: {status}")
        read = read_cccd(copy_daemon, tokens["nom"], with_cccd)
        row("dump: the CCCD reads back whole with the backed-up key", read == CCCD, f"{'whole' if read == CCCD else read}")
        os.environ["AWARDD_PERSONAL_DATA_KEY_FILE"] = write_key(f"{TMP}/other/personal-data-key")
        other = Daemon(copy_app, f"{TMP}/awardd-other-key.log")
        daemons.append(other)
        other.start()
        read = read_cccd(other, tokens["nom"], with_cccd)
        row("dump: with another key the CCCD is masked, never wrong", read == "************", str(read))
        other.stop()
        os.environ["AWARDD_PERSONAL_DATA_KEY_FILE"] = backed_up_key
        figures.update({"dump: writes acknowledged before it": len(before), "dump: writes found in the copy": len(before) - len(lost),
                        "dump: pg_dump seconds (under load)": f"{dump_seconds:.1f}", "dump: pg_restore seconds": f"{restore_seconds:.1f}",
                        "dump: time to serve again": f"{serve_dump:.1f} s",
                        "dump: size": f"{os.path.getsize(dump) // 1024} KiB", "dump: later writes also in it": present(copy_app, later)})

        # 2. Base backup, writes, a named restore point, writes after it; recover to the point.
        base = make_dir(f"{TMP}/base")
        subprocess.run(owner_cmd(["pg_basebackup", "-d", f"host={src} user=postgres", "-D", base, "-X", "stream", "-c", "fast"]), check=True)
        time.sleep(gap)
        at_point = utc_now()
        time.sleep(1.1)
        t_point = time.time()
        psql(f"host={src} dbname=postgres user=postgres", "SELECT pg_create_restore_point('before-drill-end')")
        t_point_done = time.time()
        time.sleep(gap)
        segment = psql(f"host={src} dbname=postgres user=postgres", "SELECT pg_walfile_name(pg_switch_wal())")
        deadline = time.time() + 60
        while not os.path.exists(f"{archive}/{segment}") and time.time() < deadline:
            time.sleep(0.2)
        load.stop()
        row("pitr: the WAL is archived", os.path.exists(f"{archive}/{segment}"), f"{len(os.listdir(archive))} files, last {segment}")
        recovered = make_dir(f"{TMP}/rec")
        subprocess.run(["cp", "-a", base, f"{recovered}/data"], check=True)
        os.chmod(f"{recovered}/data", 0o700)
        with open(f"{recovered}/data/postgresql.conf", "a") as conf:
            conf.write(f"\narchive_mode = off\nrestore_command = 'cp {archive}/%f %p'\n"
                       f"recovery_target_name = 'before-drill-end'\nrecovery_target_action = 'promote'\n")
        open(f"{recovered}/data/recovery.signal", "w").close()
        if os.geteuid() == 0:
            shutil.chown(f"{recovered}/data/recovery.signal", "postgres")
        t0 = time.time()
        pg_start(recovered)
        rec_super = f"host={recovered} dbname=postgres user=postgres"
        while psql(rec_super, "SELECT pg_is_in_recovery()") != "f" and time.time() < t0 + 120:
            time.sleep(0.1)
        rec_app = f"host={recovered} dbname=award user=awardd"
        rec_daemon = Daemon(rec_app, f"{TMP}/awardd-rec.log")
        daemons.append(rec_daemon)
        serve_pitr = rec_daemon.start() - t0
        before = load.acked(before=t_point)
        lost, docs = missing(rec_app, before)
        after = load.acked(sent_after=t_point_done)
        row("pitr: every write acknowledged before the point is recovered", not lost and before,
            f"acknowledged {len(before)} ({docs} with a document), found {len(before) - len(lost)}, missing {[a[0] for a in lost[:5]]}")
        found_after = present(rec_app, after)
        row("pitr: nothing sent after the point", found_after == 0, f"sent after {len(after)}, found {found_after}")
        ok, line = verify(rec_app)
        row("pitr: audit verify on the recovered cluster", ok, line)
        ok, digest = same_digest(at_point, app, rec_app)
        row("pitr: audit digest --as-of equals the source's", ok, f"as of {at_point}: {digest}")
        status = serves(rec_daemon, tokens["nom"])
        row("pitr: a new awardd serves the recovered cluster", status == 201, f"{serve_pitr:.1f} s from start of recovery to /readyz, a write: {status}")
        read = read_cccd(rec_daemon, tokens["nom"], with_cccd)
        row("pitr: the CCCD reads back whole with the backed-up key", read == CCCD, f"{'whole' if read == CCCD else read}")
        figures.update({"pitr: writes acknowledged before the point": len(before), "pitr: writes found": len(before) - len(lost),
                        "pitr: writes sent after the point, found": f"{found_after} of {len(after)}",
                        "pitr: time to serve again": f"{serve_pitr:.1f} s"})
        row("load: no 5xx", not load.five_xx(), str(dict(sorted(load.statuses.items()))))
        figures["load: answers"] = dict(sorted(load.statuses.items()))
    except Exception as error:   # a step that could not run is a failure, never a skip
        row("the drill ran to its end", False, str(error)[:300])
    finally:
        load.stop()
        for daemon in daemons:
            daemon.stop()
        for directory in (f"{TMP}/rec", src):
            pg_stop(directory)
    finish("long" if args.long else "short", started, figures)


if __name__ == "__main__":
    main()
