"""What the three operations drills share (scripts/backup-drill, upgrade-drill, failover-drill).

Standard library only. Private PostgreSQL clusters are started and stopped with scripts/lib/pg.sh
(Unix sockets in their own directories); awardd and awardctl run as the application's role
`awardd` and migrations as `award_owner`, as OPERATIONS.md says; the checks read as `postgres`."""
import datetime, hashlib, http.client, json, os, random, shutil, socket, subprocess, threading, time, urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("AWARD_BIN", "")
PGBIN = os.environ.get("AWARD_PG_BIN", "")
IS_ROOT = os.geteuid() == 0
TODAY = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date().isoformat()
ROLES = """DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'award_owner') THEN CREATE ROLE award_owner LOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'award_app') THEN CREATE ROLE award_app NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'awardd') THEN CREATE ROLE awardd LOGIN IN ROLE award_app; END IF;
END $$"""

results = []


def row(name, ok, figures=""):
    results.append((name, ok, figures))
    print(f"{'PASS' if ok else 'FAIL'}  {name:<52} {figures}", flush=True)


def finish(mode, started, figures):
    """The table of figures, then "N passed, N failed"; exits 1 on any failure."""
    print(f"\nfigures ({mode} form, {datetime.date.today().isoformat()}):")
    for key, value in figures.items():
        print(f"  {key:<40} {value}")
    passed = sum(1 for _, ok, _ in results if ok)
    print(f"mode {mode}, {time.time() - started:.0f} s")
    print(f"{passed} passed, {len(results) - passed} failed")
    raise SystemExit(0 if results and passed == len(results) else 1)


def owner_cmd(args):
    """A server-side command run as the cluster's owner (postgres when we are root)."""
    return ["runuser", "-u", "postgres", "--", *args] if IS_ROOT else list(args)


def make_dir(path):
    os.makedirs(path, exist_ok=True)
    if IS_ROOT:
        shutil.chown(path, "postgres")
    return path


def pg_start(directory, options=""):
    """scripts/lib/pg.sh's award_pg_start: initdb when new, start on a socket in DIRECTORY."""
    make_dir(directory)
    subprocess.run(["bash", "-c", f'. "{ROOT}/scripts/lib/pg.sh" && award_pg_start "$1" "$2"', "_", directory, options], check=True)


def pg_stop(directory):
    subprocess.run(["bash", "-c", f'. "{ROOT}/scripts/lib/pg.sh" && award_pg_stop "$1"', "_", directory])


def postmaster_pid(directory):
    with open(os.path.join(directory, "data", "postmaster.pid")) as f:
        return int(f.readline())


def psql(conninfo, sql, check=True):
    out = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-c", sql], capture_output=True, text=True)
    if check and out.returncode != 0:
        raise RuntimeError(f"psql: {out.stderr.strip()}")
    return out.stdout.strip()


def create_database(host, name):
    """The three roles and a database owned by award_owner (OPERATIONS.md, Roles)."""
    psql(f"host={host} dbname=postgres user=postgres", ROLES)
    psql(f"host={host} dbname=postgres user=postgres", f"CREATE DATABASE {name} OWNER award_owner")


def ctl(conninfo, *args, check=True, binary=None):
    out = subprocess.run([binary or f"{BIN}/awardctl", *args], capture_output=True, text=True,
                         env=dict(os.environ, AWARD_DATABASE_URL=conninfo, AWARD_LANG="en"))
    if check and out.returncode != 0:
        raise RuntimeError(f"awardctl {' '.join(args)}: {out.stdout}{out.stderr}")
    return out


def seed(conninfo, owner_conninfo):
    """Migrates as the owner, then a small org tree and a nominator, as the application's role.
    Returns the nominator's token."""
    ctl(owner_conninfo, "db", "migrate", "--database-url", owner_conninfo)
    return seed_data(conninfo)


def seed_data(conninfo, binary=None):
    for code, name, level, parent in [("TW", "Chính phủ", "central", None), ("LC", "UBND tỉnh Lào Cai", "province", "TW"),
                                      ("TP", "UBND thành phố Lào Cai", "district", "LC"), ("P1", "UBND phường Duyên Hải", "commune", "TP")]:
        ctl(conninfo, "org", "add", code, "--name", name, "--level", level, *(["--parent", parent] if parent else []), binary=binary)
    tokens = {}
    for name, org, role in [("nom", "P1", "nominator"), ("ward", "P1", "approver"), ("aud", "LC", "auditor")]:
        tokens[name] = json.loads(ctl(conninfo, "user", "add", name, "--org", org, "--role", role, "--format", "json", binary=binary).stdout)["token"]
    return tokens


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port, method, path, token=None, body=None, raw=None, headers=None, timeout=30):
    """(status, body bytes); status 0 when no answer came (refused, reset, timed out)."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json" if raw is None else "application/pdf")
    for k, v in (headers or {}).items():
        request.add_header(k, v)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        return 0, str(error).encode()


class Daemon:
    """An awardd as the application's role, on a port of its own; its log kept in LOG."""

    def __init__(self, conninfo, log, binary=None, extra=(), port=None):
        self.conninfo, self.log, self.binary, self.extra = conninfo, log, binary or f"{BIN}/awardd", list(extra)
        self.port = port or free_port()
        self.proc = None

    def start(self, wait=60):
        self.logfile = open(self.log, "a")
        self.proc = subprocess.Popen([self.binary, "--database-url", self.conninfo, "--listen", f"127.0.0.1:{self.port}",
                                      "--pool-size", "4", "--timer-interval", "0", "--webhook-interval", "0", *self.extra],
                                     stdout=self.logfile, stderr=subprocess.STDOUT,
                                     env={k: v for k, v in os.environ.items() if k != "AWARD_DATABASE_URL"})
        return self.wait_ready(wait)

    def wait_ready(self, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"awardd exited {self.proc.returncode}: {self.tail()}")
            if call(self.port, "GET", "/readyz", timeout=2)[0] == 200:
                return time.time()
            time.sleep(0.05)
        raise RuntimeError(f"awardd not ready in {seconds} s: {self.tail()}")

    def tail(self, lines=8):
        try:
            return " | ".join(open(self.log, errors="replace").read().strip().splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, sig=None):
        if self.proc and self.proc.poll() is None:
            if sig:
                self.proc.send_signal(sig)
            else:
                self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Load:
    """Writers that create nominations (some with a document) through awardd and record every
    acknowledged write: (nomination id, nominee name, sent at, acknowledged at, document sha256)."""

    def __init__(self, ports, token, writers=4, tag="drill", pause=0.02, documents=True):
        self.ports, self.token, self.writers, self.tag, self.pause, self.documents = ports, token, writers, tag, pause, documents
        self.acks, self.statuses, self.lock = [], {}, threading.Lock()
        self.failures = []          # (time, status) of every write not acknowledged
        self.stop_flag = threading.Event()
        self.threads = []

    def _count(self, key):
        with self.lock:
            self.statuses[key] = self.statuses.get(key, 0) + 1

    def _writer(self, n):
        rng = random.Random(n)
        i = 0
        while not self.stop_flag.is_set():
            i += 1
            port = self.ports[(n + i) % len(self.ports)] if not callable(self.ports) else self.ports()
            name = f"Người {self.tag} {n}-{i}"
            sent = time.time()
            status, body = call(port, "POST", "/v1/nominations", self.token,
                                {"kind": "giay-khen", "unit": "P1", "nominee": {"name": name, "type": "individual"}},
                                headers={"Idempotency-Key": f"{self.tag}-{n}-{i}"}, timeout=20)
            self._count(str(status))
            if status != 201:
                with self.lock:
                    self.failures.append((sent, status, body[:200]))
                time.sleep(0.1)
                continue
            nid = json.loads(body)["id"]
            sha = None
            if self.documents and i % 5 == 0:
                content = b"%PDF-1.4\n% " + f"{self.tag} {n} {i} {rng.random()}".encode() + b"\n%%EOF\n"
                dstatus, _ = call(port, "POST", f"/v1/nominations/{nid}/documents?type=khac&name=to-trinh-{nid}.pdf", self.token, raw=content, timeout=20)
                self._count(f"doc:{dstatus}")
                if dstatus == 201:
                    sha = hashlib.sha256(content).hexdigest()
            with self.lock:
                self.acks.append((nid, name, sent, time.time(), sha))
            time.sleep(self.pause)

    def start(self):
        for n in range(self.writers):
            t = threading.Thread(target=self._writer, args=(n,), daemon=True)
            t.start()
            self.threads.append(t)
        return self

    def stop(self):
        self.stop_flag.set()
        for t in self.threads:
            t.join(timeout=60)

    def acked(self, before=None, sent_after=None):
        with self.lock:
            return [a for a in self.acks if (before is None or a[3] < before) and (sent_after is None or a[2] > sent_after)]

    def five_xx(self):
        return {k: v for k, v in self.statuses.items() if k.split(":")[-1].startswith("5")}


def missing(conninfo, acks):
    """The acknowledged writes absent from the database at CONNINFO (nomination with its nominee's
    name, and the document with its SHA-256)."""
    if not acks:
        return [], 0
    ids = ",".join(str(a[0]) for a in acks)
    rows = psql(conninfo, f"SELECT n.id, e.name FROM nominations n JOIN nominees e ON e.id = n.nominee_id WHERE n.id IN ({ids})")
    found = dict(line.split("|", 1) for line in rows.splitlines() if line)
    docs = psql(conninfo, f"SELECT nomination_id || ':' || sha256 FROM documents WHERE nomination_id IN ({ids})").splitlines()
    lost = [a for a in acks if found.get(str(a[0])) != a[1] or (a[4] and f"{a[0]}:{a[4]}" not in docs)]
    return lost, sum(1 for a in acks if a[4])


def present(conninfo, acks):
    """How many of ACKS are in the database (for writes after a recovery target)."""
    if not acks:
        return 0
    ids = ",".join(str(a[0]) for a in acks)
    return int(psql(conninfo, f"SELECT count(*) FROM nominations WHERE id IN ({ids})"))


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
