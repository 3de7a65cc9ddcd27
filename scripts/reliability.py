#!/usr/bin/env python3
"""Reliability and security suite for Award Engine (driven by scripts/reliability).

Standard library only. Talks to three awardd processes over loopback and to PostgreSQL through
psql and awardctl; every check prints a row; the last line is "N passed, N failed"."""
import argparse, sys, concurrent.futures as cf, datetime, http.client, json, os, random, re, socket, subprocess, threading, time, urllib.parse, urllib.request, urllib.error

BIN, PGDIR, PGBIN = os.environ["AWARD_BIN"], os.environ["AWARD_PG_DIR"], os.environ["AWARD_PG_BIN"]
DB = "rel"
# awardd and awardctl run as the application's role (data rights only); migrations as the owner;
# the suite's own checks read as the cluster's superuser.
CONNINFO = f"host={PGDIR} dbname={DB} user=awardd"
OWNER = f"host={PGDIR} dbname={DB} user=award_owner"
SUPER = f"host={PGDIR} dbname={DB} user=postgres"
ENV = dict(os.environ, AWARD_DATABASE_URL=CONNINFO)
# Today in Vietnam (UTC+7 all year), the day awardd dates steps by: a decision dated the UTC day
# would be before the dossier's last step between 17:00 and 24:00 UTC.
TODAY = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date().isoformat()
results = []
# Every answer 500 (or any 5xx but 503, which a database restart legitimately gives), for the last row.
server_errors = []
tokens_cache = {}


def row(name, ok, figures):
    results.append((name, ok, figures))
    print(f"{'PASS' if ok else 'FAIL'}  {name:<44} {figures}", flush=True)


def psql(sql):
    out = subprocess.run(["psql", "-X", "-At", "-d", SUPER, "-c", sql], capture_output=True, text=True, env=ENV)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return out.stdout.strip()


def ctl(*args, check=True):
    out = subprocess.run([f"{BIN}/awardctl", *args], capture_output=True, text=True, env=ENV)
    if check and out.returncode != 0:
        raise RuntimeError(f"awardctl {' '.join(args)}: {out.stderr}")
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Daemon:
    def __init__(self):
        self.port = free_port()
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen([f"{BIN}/awardd", "--database-url", CONNINFO, "--listen", f"127.0.0.1:{self.port}",
                                      "--log-level", "error", "--pool-size", "6", "--timer-interval", "5",
                                      "--trusted-proxy", "127.0.0.1/32", "--header-timeout", "5",
                                      "--webhook-interval", "1", "--webhook-backoff", "200", "--webhook-max-backoff", "3", "--webhook-attempts", "1000"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if call(self, "GET", "/readyz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("awardd did not start")

    def kill9(self):
        self.proc.kill()
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


def call(daemon, method, path, token=None, body=None, raw=None, headers=None, timeout=30):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(f"http://127.0.0.1:{daemon.port}{path}", data=data, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        request.add_header(k, v)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        if error.code >= 500 and error.code != 503:
            server_errors.append(f"{method} {path} -> {error.code}")
        return error.code, error.read()
    except urllib.error.URLError as error:
        if isinstance(error.reason, ConnectionRefusedError):
            raise error.reason
        return 0, str(error.reason).encode()
    except (http.client.HTTPException, ConnectionResetError) as error:
        # The daemon died mid-answer (the crash test kills it): not an acknowledgement.
        return 0, str(error).encode()


AWARD_ROLES = """DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'award_owner') THEN CREATE ROLE award_owner LOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'award_app') THEN CREATE ROLE award_app NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'awardd') THEN CREATE ROLE awardd LOGIN IN ROLE award_app; END IF;
END $$"""


def setup():
    subprocess.run(["psql", "-X", "-q", "-d", f"host={PGDIR} dbname=postgres user=postgres", "-c", AWARD_ROLES,
                    "-c", f"CREATE DATABASE {DB} OWNER award_owner"], check=True)
    ctl("db", "migrate", "--database-url", OWNER)
    for args in [("TW", "Chính phủ", "central", None), ("LC", "UBND tỉnh Lào Cai", "province", "TW"),
                 ("TP", "UBND thành phố Lào Cai", "district", "LC"), ("P1", "UBND phường Duyên Hải", "commune", "TP"),
                 ("SP", "UBND thị xã Sa Pa", "district", "LC"), ("P2", "UBND phường Sa Pa", "commune", "SP")]:
        ctl("org", "add", args[0], "--name", args[1], "--level", args[2], *(["--parent", args[3]] if args[3] else []))
    tokens = {}
    for name, org, role in [("nom", "P1", "nominator"), ("ward", "P1", "approver"), ("prov", "LC", "approver"),
                            ("aud", "LC", "auditor"), ("root", "TW", "admin"), ("other", "P2", "approver"), ("nom2", "P2", "nominator")]:
        tokens[name] = json.loads(ctl("user", "add", name, "--org", org, "--role", role, "--format", "json").stdout)["token"]
    return tokens


def races(daemons, tokens, count, seconds):
    """64 clients on `count` nominations through three daemons and awardctl at once."""
    ids = []
    for i in range(count):
        status, body = call(daemons[i % 3], "POST", "/v1/nominations", tokens["nom"],
                            {"kind": "bang-khen-tinh", "unit": "P1", "nominee": {"name": f"Người đua {i}", "type": "individual"}})
        ids.append(json.loads(body)["id"])
    ctl("quota", "set", "--org", "LC", "--kind", "bang-khen-tinh", "--year", TODAY[:4], "--limit", str(count // 5))
    moves = [("ward", "approve", None), ("ward", "return", {"reason": "Bổ sung"}), ("nom", "resubmit", None),
             ("prov", "approve", {"decision": {"date": TODAY}}), ("prov", "return", {"reason": "Thiếu hồ sơ"}),
             ("prov", "reject", {"reason": "Không đạt"}), ("nom", "withdraw", None)]
    stop = time.time() + seconds
    statuses = {}
    lock = threading.Lock()

    def client(n):
        rng = random.Random(n)
        while time.time() < stop:
            nomination = rng.choice(ids)
            user, action, body = rng.choice(moves[:4] * 3 + moves[4:])
            if n % 16 == 0:   # some clients use awardctl instead of HTTP
                args = [action, str(nomination), "--as", user]
                if action in ("return", "reject"):
                    args += ["--reason", "CLI"]
                if body and "decision" in body:
                    args += ["--decision-date", TODAY]
                code = ctl(*args, check=False).returncode
                key = f"cli:{code}"
            else:
                code, _ = call(daemons[rng.randrange(3)], "POST", f"/v1/nominations/{nomination}/{action}", tokens[user], body)
                key = str(code)
            with lock:
                statuses[key] = statuses.get(key, 0) + 1

    with cf.ThreadPoolExecutor(64) as pool:
        list(pool.map(client, range(64)))
    five = sum(v for k, v in statuses.items() if k.startswith("5") or k == "cli:1")
    row("races: no 5xx", five == 0, json.dumps(statuses, sort_keys=True))
    verify = ctl("audit", "verify", check=False)
    row("races: audit verify", verify.returncode == 0, verify.stdout.strip().splitlines()[0] if verify.stdout else verify.stderr.strip())
    allowed = {("pending", "pending"), ("pending", "returned"), ("returned", "pending"), ("pending", "awarded"), ("pending", "rejected"),
               ("pending", "withdrawn"), ("returned", "withdrawn"), ("draft", "pending"), ("draft", "withdrawn")}
    bad_paths = psql("""
        SELECT count(*) FROM transitions t JOIN transitions p ON p.nomination_id = t.nomination_id AND p.seq = t.seq - 1
        WHERE t.from_state IS DISTINCT FROM p.to_state""")
    pairs = psql("SELECT DISTINCT from_state || '>' || to_state FROM transitions WHERE from_state IS NOT NULL").split()
    invalid = [p for p in pairs if tuple(p.split(">")) not in allowed]
    row("races: every history is a valid path", bad_paths == "0" and not invalid, f"broken links {bad_paths}, invalid moves {invalid}")
    repeats = psql("SELECT count(*) - count(DISTINCT (issuer_org_id, year, number)) FROM decisions")
    row("races: decision numbers never repeat", repeats == "0" and psql("SELECT count(*) FROM decisions") != "0", f"decisions {psql('SELECT count(*) FROM decisions')}, repeats {repeats}")
    quota = psql("SELECT used || '/' || max_count FROM quotas")
    awarded = psql("SELECT count(*) FROM nominations WHERE state = 'awarded'")
    used, limit = map(int, quota.split("/"))
    row("races: quota never overflows", used <= limit and used == int(awarded) and used > 0, f"used {used} of {limit}, awarded {awarded}")
    doubled = psql("SELECT count(*) FROM (SELECT nomination_id, seq FROM transitions GROUP BY 1, 2 HAVING count(*) > 1) d")
    row("races: no doubled transition", doubled == "0", f"transitions {psql('SELECT count(*) FROM transitions')}")


class Receiver:
    """A webhook receiver on a fixed port, started late: until then every delivery fails."""
    def __init__(self):
        self.port = free_port()
        self.ids = []
        self.server = None

    def start(self):
        import http.server
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.ids.append(json.loads(body)["id"])
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def webhooks_after_outage(receiver):
    """The receiver was down for the races and the crashes: once it is up, every event arrives."""
    receiver.start()
    expected = int(psql("SELECT count(*) FROM webhook_deliveries"))
    # Waits while the backlog shrinks: a minute without progress (or ten in all) is a failure.
    started = last_progress = time.time()
    left = None
    while True:
        now_left = int(psql("SELECT count(*) FROM webhook_deliveries WHERE status <> 'delivered'"))
        if now_left == 0 or time.time() - last_progress > 60 or time.time() - started > 600:
            break
        if left is None or now_left < left:
            left, last_progress = now_left, time.time()
        time.sleep(1)
    drained = time.time() - started
    events = set(int(x) for x in psql("SELECT e.id FROM events e JOIN webhook_deliveries d ON d.event_id = e.id").split())
    got = set(receiver.ids)
    all_events = int(psql("SELECT count(*) FROM events"))
    row("webhooks: after an outage every event arrives", events == got and len(events) == expected and expected == all_events,
        f"events {all_events}, deliveries {expected}, received {len(got)} distinct ({len(receiver.ids)} with retries after a crash), "
        f"missing {len(events - got)}, drained in {drained:.0f} s")


def crashes(daemons, tokens, kills):
    """kill -9 an awardd under load, restart it; every 2xx must be in the database."""
    acknowledged, lock = [], threading.Lock()
    stop = threading.Event()

    def writer(n):
        i = 0
        while not stop.is_set():
            i += 1
            try:
                status, body = call(daemons[n % 3], "POST", "/v1/nominations", tokens["nom"],
                                    {"kind": "giay-khen", "unit": "P1", "nominee": {"name": f"Sống sót {n}-{i}", "type": "individual"}},
                                    headers={"Idempotency-Key": f"crash-{n}-{i}"}, timeout=10)
                if status == 201:
                    with lock:
                        acknowledged.append(json.loads(body)["id"])
            except OSError:
                time.sleep(0.05)

    with cf.ThreadPoolExecutor(16) as pool:
        futures = [pool.submit(writer, n) for n in range(16)]
        for k in range(kills):
            time.sleep(random.uniform(0.2, 0.6))
            victim = daemons[k % 3]
            victim.kill9()
            victim.start()
        stop.set()
        for f in futures:
            f.result()
    missing = 0
    for chunk in range(0, len(acknowledged), 1000):
        ids = ",".join(map(str, acknowledged[chunk:chunk + 1000]))
        missing += len(acknowledged[chunk:chunk + 1000]) - int(psql(f"SELECT count(*) FROM nominations WHERE id IN ({ids})"))
    row(f"crashes: kill -9 awardd x{kills}, every 2xx stored", missing == 0, f"acknowledged {len(acknowledged)}, missing {missing}")
    verify = ctl("audit", "verify", check=False)
    row("crashes: nothing half-applied (audit verify)", verify.returncode == 0, verify.stdout.strip().splitlines()[0] if verify.stdout else "")


def database_restart(daemons, tokens):
    subprocess.run(["runuser", "-u", "postgres", "--", f"{PGBIN}/pg_ctl", "-D", f"{PGDIR}/data", "-m", "fast", "-w", "stop"]
                   if os.getuid() == 0 else [f"{PGBIN}/pg_ctl", "-D", f"{PGDIR}/data", "-m", "fast", "-w", "stop"], check=True, capture_output=True)
    timings, codes = [], []
    for _ in range(20):
        start = time.time()
        code, _ = call(daemons[0], "GET", "/v1/inbox", tokens["ward"], timeout=10)
        timings.append(time.time() - start)
        codes.append(code)
    row("db down: 503 quickly", set(codes) == {503} and max(timings) < 1.0, f"codes {sorted(set(codes))}, slowest {max(timings) * 1000:.0f} ms")
    start_cmd = [f"{PGBIN}/pg_ctl", "-D", f"{PGDIR}/data", "-w", "-l", f"{PGDIR}/server.log",
                 "-o", f"-c listen_addresses='' -c unix_socket_directories='{PGDIR}' -c max_connections=300", "start"]
    subprocess.run((["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []) + start_cmd, check=True, capture_output=True)
    back = time.time()
    while time.time() - back < 30:
        if all(call(d, "GET", "/v1/inbox", tokens["ward"])[0] == 200 for d in daemons):
            break
        time.sleep(0.1)
    waited = time.time() - back
    row("db back: serves again within 5 s", waited < 5, f"{waited:.2f} s, no restart of awardd")


def hostile(daemons, tokens):
    d, t = daemons[1], tokens["nom"]
    cases = {
        "10 MB body": call(d, "POST", "/v1/nominations", t, raw=b"a" * (10 << 20))[0],
        "invalid UTF-8": call(d, "POST", "/v1/nominations", t, raw=b'{"kind":"\xff\xfe"}')[0],
        "deeply nested JSON": call(d, "POST", "/v1/nominations", t, raw=b"[" * 100000 + b"]" * 100000)[0],
        "no token": call(d, "GET", "/v1/inbox")[0],
        "forged token": call(d, "GET", "/v1/inbox", "awd_forged")[0],
    }
    row("hostile: malformed requests get 4xx", all(400 <= c < 500 for c in cases.values()), json.dumps(cases))
    injections = ["x'); DROP TABLE nominations; --", "' OR 1=1 --", "\u0000", "$1", "%s%s%s", "<script>alert(1)</script>",
                  "Robert'); DELETE FROM transitions; --", "\\x00\\xff", "Nguyễn Văn A\u0301"]
    verbatim, four, five = 0, 0, 0
    for text in injections:
        status, body = call(d, "POST", "/v1/nominations", t, {"kind": "giay-khen", "unit": "P1", "nominee": {"name": text, "type": "individual"},
                                                               "reason": text, "campaign": text})
        if status == 201:
            stored = json.loads(body)["nominee"]["name"]
            import unicodedata
            verbatim += stored == unicodedata.normalize("NFC", text).strip()
        elif status >= 500:
            five += 1
        else:
            four += 1
    row("hostile: injection strings stored verbatim or 4xx", five == 0 and verbatim + four == len(injections),
        f"verbatim {verbatim}, refused {four}, 5xx {five}")
    row("hostile: tables intact", psql("SELECT count(*) > 0 FROM nominations") == "t", "")


def fuzz(daemons, tokens, requests):
    """Random requests built from the OpenAPI document: never a 5xx, never an undocumented status."""
    spec = json.loads(call(daemons[0], "GET", "/openapi.json")[1])
    # The live event stream never ends by design (it is checked by the tests with follow=false).
    ops = [(path, method, op) for path, item in spec["paths"].items() for method, op in item.items() if path != "/v1/events"]
    rng = random.Random(7)
    nasty = ["", "x" * 5000, "'; DROP TABLE orgs; --", "Đ", "\ud7ff", "-1", "0", "99999999999999999999", "null", "{}", "[]", "%00", "../../etc/passwd"]
    bad, five = [], 0
    for i in range(requests):
        path, method, op = rng.choice(ops)
        concrete = path.replace("{id}", rng.choice(["1", "2", "-5", "abc", "999999"])).replace("{action}", rng.choice(["approve", "submit", "nope"]))
        query = "&".join(f"{p['name']}={urllib.request.quote(rng.choice(nasty))}" for p in op.get("parameters", []) if p["in"] == "query" and rng.random() < 0.7)
        body = None
        if "requestBody" in op:
            body = rng.choice([{}, {"kind": rng.choice(nasty), "unit": "P1", "nominee": {"name": rng.choice(nasty), "type": rng.choice(["individual", "x"])}},
                               {"reason": rng.choice(nasty), "decision": {"number": rng.choice(nasty), "date": rng.choice([TODAY, "2025-02-30", "x"])}},
                               [1, 2], "text", {"vote": {"members": -1, "present": 5, "in_favour": 9}}])
        token = tokens[rng.choice(list(tokens))] if rng.random() < 0.9 else None
        status, _ = call(daemons[i % 3], method.upper(), concrete + ("?" + query if query else ""), token, body if body is not None else None)
        documented = set(op["responses"].keys())
        if status >= 500:
            five += 1
            bad.append(f"{method.upper()} {path} -> {status}")
        elif str(status) not in documented and status not in (404, 405):
            bad.append(f"{method.upper()} {path} -> {status}")
    row(f"fuzz: {requests} requests from the OpenAPI document", not bad, f"5xx {five}, undocumented {len(bad) - five} {bad[:3]}")


def schemathesis(daemons, tokens, examples):
    """schemathesis (PyPI) against the OpenAPI document: no 5xx, every response in the documented
    schema and status codes."""
    import re, shutil
    exe = shutil.which("schemathesis") or shutil.which("st")
    if exe is None:
        subprocess.run(["python3", "-m", "pip", "install", "-q", "schemathesis==4.32.5"], capture_output=True)
        exe = shutil.which("schemathesis") or shutil.which("st")
    if exe is None:
        row("schemathesis", False, "could not install schemathesis from PyPI")
        return
    out = subprocess.run([exe, "run", f"http://127.0.0.1:{daemons[0].port}/openapi.json", "-H", f"Authorization: Bearer {tokens['root']}",
                          "--max-examples", str(examples), "--seed", "20261122", "--exclude-path", "/v1/events",
                          "--checks", "not_a_server_error,response_schema_conformance,status_code_conformance"],
                         capture_output=True, text=True, timeout=900)
    found = re.search(r"(\d+) generated, (\d+) passed", out.stdout)
    generated, passed = (int(found.group(1)), int(found.group(2))) if found else (0, 0)
    summary = found.group(0) if found else out.stdout[-300:]
    row(f"schemathesis: no 5xx, documented schema", out.returncode == 0 and generated >= 2000 and passed == generated, summary)


def authorization(daemons, tokens):
    d = daemons[2]
    status, body = call(d, "POST", "/v1/nominations", tokens["nom"], {"kind": "giay-khen", "unit": "P1", "nominee": {"name": "Phân quyền", "type": "individual"}})
    nid = json.loads(body)["id"]
    outside = [call(d, "GET", f"/v1/nominations/{nid}", tokens["other"])[0], call(d, "POST", f"/v1/nominations/{nid}/approve", tokens["other"])[0],
               call(d, "POST", f"/v1/nominations/{nid}/withdraw", tokens["nom2"])[0]]
    wrong_role = [call(d, "POST", f"/v1/nominations/{nid}/approve", tokens["nom"])[0], call(d, "POST", f"/v1/nominations/{nid}/approve", tokens["aud"])[0]]
    row("authorization: outside the jurisdiction", outside == [404, 404, 404], str(outside))
    row("authorization: wrong role", wrong_role == [403, 403], str(wrong_role))
    # Every nomination route × every caller, for a nomination proposed in P2 (under SP, under LC):
    # callers of P1 are outside it and must get 404 everywhere; the others are inside it.
    status, body = call(d, "POST", "/v1/nominations", tokens["nom2"], {"kind": "giay-khen", "unit": "P2", "nominee": {"name": "Ma trận", "type": "individual"}})
    target = json.loads(body)["id"]
    routes = [("GET", ""), ("GET", "/history"), ("GET", "/documents"), ("POST", "/check"), ("POST", "/documents?type=khac&name=x.pdf"),
              ("POST", "/objections")] + [("POST", f"/{a}") for a in ("submit", "approve", "return", "resubmit", "reject", "withdraw", "revoke")]
    leaks, five, cells = [], 0, 0
    for user in ["nom", "ward", "other", "nom2", "prov", "aud", "root"]:
        for method, suffix in routes:
            payload = {"text": "x", "received_on": TODAY} if suffix == "/objections" else ({"reason": "x"} if method == "POST" else None)
            raw = b"%PDF-1.4 x" if suffix.startswith("/documents?") else None
            code, _ = call(d, method, f"/v1/nominations/{target}{suffix}", tokens[user], None if raw else payload, raw=raw)
            cells += 1
            five += code >= 500
            outside = user in ("nom", "ward")
            if outside and code != 404:
                leaks.append(f"{user} {method} {suffix}: {code}")
            if not outside and method == "GET" and code == 404:
                leaks.append(f"{user} {method} {suffix}: hidden")
    row(f"authorization: {cells} route × caller cells", not leaks and five == 0, f"leaks {leaks[:3]}, 5xx {five}")
    before = call(d, "GET", "/v1/inbox", tokens["ward"])[0]
    ctl("user", "revoke", "ward")
    after = [call(daemon, "GET", "/v1/inbox", tokens["ward"])[0] for daemon in daemons]
    row("authorization: a revoked token stops at once", before == 200 and after == [401, 401, 401], f"before {before}, after {after}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_web_opener = urllib.request.build_opener(_NoRedirect)


def web_call(daemon, method, path, cookie=None, form=None, raw=None, content_type="application/x-www-form-urlencoded"):
    """A browser-like request to the web pages: cookies, a form body, redirects not followed."""
    data = raw if raw is not None else (urllib.parse.urlencode(form).encode() if form is not None else None)
    request = urllib.request.Request(f"http://127.0.0.1:{daemon.port}{path}", data=data, method=method)
    if cookie:
        request.add_header("Cookie", cookie)
    if data is not None:
        request.add_header("Content-Type", content_type)
    try:
        with _web_opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        if error.code >= 500 and error.code != 503:
            server_errors.append(f"web {method} {path} -> {error.code}")
        return error.code, error.headers, error.read().decode("utf-8", "replace")
    except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected) as error:
        # The server closed while the body was still being sent (a 413 ends the connection).
        return 0, {}, str(error)


def web(daemons, tokens, requests):
    """The web pages: forms without their CSRF token, forged cookies and fuzzed forms never get a
    5xx and change nothing."""
    subprocess.run([f"{BIN}/awardctl", "user", "passwd", "nom", "--password-stdin"], input="mat-khau-reliability\n",
                   text=True, env=ENV, check=True, capture_output=True)
    status, headers, page = web_call(daemons[0], "GET", "/login")
    login_cookie = headers.get("Set-Cookie", "").split(";")[0]
    csrf = re.search(r'name="_csrf" value="([0-9a-f]+)"', page).group(1)
    status, headers, _ = web_call(daemons[1], "POST", "/login", cookie=login_cookie,
                                  form={"_csrf": csrf, "username": "nom", "password": "mat-khau-reliability"})
    session = headers.get("Set-Cookie", "").split(";")[0]
    row("web: sign in through the form", status == 303 and session.startswith("award_session="), f"{status}")
    _, _, inbox = web_call(daemons[2], "GET", "/", cookie=session)
    token = re.search(r'name="_csrf" value="([0-9a-f]+)"', inbox)
    row("web: the session serves every awardd process", token is not None, "")
    before = psql("SELECT count(*) FROM transitions") + "/" + psql("SELECT count(*) FROM nominations")
    ids = psql("SELECT id FROM nominations ORDER BY id LIMIT 5").split()
    posts = ["/nominations/new", "/logout"] + [f"/nominations/{i}/{a}" for i in ids for a in ("approve", "withdraw", "reject", "documents")]
    refused = [web_call(daemons[i % 3], "POST", path, cookie=session, form={"reason": "x", "kind": "giay-khen", "unit": "P1",
                                                                              "nominee_name": "X", "nominee_type": "individual"})[0]
               for i, path in enumerate(posts)]
    after = psql("SELECT count(*) FROM transitions") + "/" + psql("SELECT count(*) FROM nominations")
    row("web: POSTs without _csrf are 403, nothing changes", set(refused) == {403} and before == after, f"{sorted(set(refused))}, {before} → {after}")
    rng = random.Random(11)
    nasty = ["", "x" * 5000, "'; DROP TABLE orgs; --", "<script>alert(1)</script>", "Đ", "%00", "-1", "99999999999999999999",
             "31/02/2025", "../../etc/passwd", "\r\nSet-Cookie: x=y"]
    forged = [f"award_session=awd_{''.join(rng.choice('abcdef0123456789') for _ in range(40))}", "award_session=", "award_session=" + "A" * 5000,
              "award_session=%00%ff", session]
    paths = ["/", "/login", "/logout", "/nominations/new", "/awardees", "/search", "/static/app.css"] + \
            [f"/nominations/{rng.choice(ids + ['0', '-1', 'abc', '99999999999999999999'])}" + rng.choice(["", "/approve", "/return", "/documents", "/documents/1", "/x"])
             for _ in range(20)]
    five, statuses = 0, {}
    for i in range(requests):
        path = rng.choice(paths)
        method = rng.choice(["GET", "POST"])
        cookie = rng.choice(forged)
        fields = {rng.choice(["_csrf", "kind", "unit", "nominee_name", "nominee_type", "year", "reason", "decision_number",
                              "decision_date", "members", "present", "in_favour", "username", "password", "q", "type"]): rng.choice(nasty)
                  for _ in range(rng.randint(0, 6))}
        if rng.random() < 0.5 and token:
            fields["_csrf"] = rng.choice([token.group(1), csrf, "0" * 64])
        query = "" if rng.random() < 0.5 else "?" + urllib.parse.urlencode({rng.choice(["year", "kind", "org", "q", "state", "page", "next", "format"]): rng.choice(nasty)})
        raw = None
        content_type = "application/x-www-form-urlencoded"
        if method == "POST" and rng.random() < 0.2:
            content_type = "multipart/form-data; boundary=" + rng.choice(["zz", "", "x" * 300])
            raw = rng.choice([b"--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n--zz--\r\n", b"--zz", b"\x00" * 100])
        status, _, _ = web_call(daemons[i % 3], method, path + query, cookie=cookie, form=fields if method == "POST" and raw is None else None,
                                raw=raw, content_type=content_type)
        statuses[status] = statuses.get(status, 0) + 1
        five += status >= 500
    row(f"web: {requests} fuzzed forms and forged cookies, no 5xx", five == 0, json.dumps(dict(sorted(statuses.items()))))
    row("web: tables intact", psql("SELECT count(*) > 0 FROM nominations") == "t", "")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--long", action="store_true")
    args = parser.parse_args()
    started = time.time()
    tokens = setup()
    daemons = [Daemon() for _ in range(3)]
    for daemon in daemons:
        daemon.start()
    receiver = Receiver()
    # The receiver is on loopback, which webhooks reach only once an admin allows it.
    ctl("webhook", "allow", "127.0.0.1/32", "--reason", "reliability receiver", "--as", "root")
    ctl("webhook", "add", "--url", f"http://127.0.0.1:{receiver.port}/hook", "--events", "*", "--as", "root")
    try:
        races(daemons, tokens, count=500, seconds=60 if args.long else 15)
        crashes(daemons, tokens, kills=20 if args.long else 5)
        webhooks_after_outage(receiver)
        database_restart(daemons, tokens)
        hostile(daemons, tokens)
        import reliability_hostile
        reliability_hostile.run(sys.modules[__name__], daemons, tokens)
        fuzz(daemons, tokens, requests=10000 if args.long else 2000)
        schemathesis(daemons, tokens, examples=300 if args.long else 100)
        authorization(daemons, tokens)
        web(daemons, tokens, requests=3000 if args.long else 600)
    finally:
        for daemon in daemons:
            daemon.stop()
    row("no request answered 500", not server_errors, f"{len(server_errors)}: {server_errors[:3]}")
    passed = sum(1 for _, ok, _ in results if ok)
    print(f"mode {'long' if args.long else 'short'}, {time.time() - started:.0f} s")
    print(f"{passed} passed, {len(results) - passed} failed")
    raise SystemExit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
