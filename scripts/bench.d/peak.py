#!/usr/bin/env python3
"""The year-end peak (scripts/bench --peak): signed-in officers over the web and the API with a
December's mix, from locust (used as a library) on the same machine.

  peak.py CONFIG.json search SECONDS [PAGE,…]   # find R, the highest rate with every page's p99 in its
                                           # limit (the pages named left out of the verdict)
  peak.py CONFIG.json fixed RATE SECONDS   # one run at RATE (requests/s), e.g. while the SQL is captured
  peak.py CONFIG.json alone CALLS          # each page alone, one request at a time (goal 2)

CONFIG (written by scripts/bench): base, awardd_pid, the two officers' sessions, the API tokens and
the nominations each simulated officer moves, dossier ids and nominee names of the real province.
The mix (weights out of 100):
  inbox 40          GET /                       the bench province's officer, whose inbox holds the moving dossiers
  dossier 25        GET /nominations/{id}        a real province's officer, a random dossier of the province
  approve/return 10 POST /v1/nominations/{id}/return, then …/resubmit (API, each officer its own dossiers)
  search 10         GET /search?q=NAME           a real province's officer, a name of the province (half without accents)
  awardees 5        GET /awardees?year=2025      the province's year, first page
  report 5          GET /reports/summary?year=2025
  upload 5          POST /v1/nominations/{id}/documents (a 20 kB PDF, API)
Prints JSON lines; the limits: p99 ≤ 200 ms for every page, 500 ms for uploads."""
from gevent import monkey

monkey.patch_all()
import json, os, random, resource, sys, time, unicodedata  # noqa: E402

import gevent  # noqa: E402
from locust import FastHttpUser, events, task  # noqa: E402
from locust.env import Environment  # noqa: E402

config = json.load(open(sys.argv[1]))
mode = sys.argv[2]
LIMIT_MS = {"upload": 500.0}
LEFT_OUT = set(sys.argv[4].split(",")) if len(sys.argv) > 4 and sys.argv[2] == "search" else set()
DEFAULT_LIMIT_MS = 200.0
USERS = int(config.get("users", 60))
PDF = b"%PDF-1.4\n" + b"% bench upload\n" * 1400 + b"%%EOF\n"
pace = {"interval": 1.0}
samples = {}
failures = {}
total = [0]


def sign_in(user):
    """A session cookie through the login form, as an officer's browser gets one."""
    import http.client, re, urllib.parse
    base = urllib.parse.urlparse(config["base"])
    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
    connection.request("GET", "/login")
    response = connection.getresponse()
    page = response.read()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    csrf = re.search(rb'name="_csrf" value="([0-9a-f]+)"', page).group(1).decode()
    form = urllib.parse.urlencode({"_csrf": csrf, "username": user, "password": config["password"]})
    connection.request("POST", "/login", body=form, headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    response.read()
    if response.status != 303:
        sys.exit(f"peak.py: sign-in as {user} failed (HTTP {response.status})")
    return response.getheader("Set-Cookie").split(";")[0]


for key, user in config["officers"].items():
    config[key] = sign_in(user)


def plain(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn").replace("đ", "d").replace("Đ", "D").lower()


@events.request.add_listener
def record(request_type, name, response_time, response_length, exception=None, **_):
    samples.setdefault(name, []).append(response_time)
    total[0] += 1
    if exception is not None:
        failures[name] = failures.get(name, 0) + 1


class Officer(FastHttpUser):
    host = config["base"]
    connection_timeout = 60.0
    network_timeout = 60.0

    def wait_time(self):
        # Open pacing: each officer starts a request every `interval` seconds on average, less the
        # time the last one took; a server that cannot keep up shows as a rate below the target.
        return max(0.0, random.expovariate(1.0 / pace["interval"]) - (time.monotonic() - getattr(self, "began", 0.0)))

    def on_start(self):
        index = Officer.count = getattr(Officer, "count", -1) + 1
        slices = config["moving"]
        self.mine = slices[index % len(slices)]
        self.step = 0
        self.rng = random.Random(index)

    def get(self, name, path, cookie):
        self.began = time.monotonic()
        with self.client.get(path, name=name, headers={"Cookie": cookie}, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    def post(self, name, path, token, body, content_type):
        self.began = time.monotonic()
        with self.client.post(path, name=name, data=body, allow_redirects=False, catch_response=True,
                              headers={"Authorization": "Bearer " + token, "Content-Type": content_type}) as response:
            if response.status_code not in (200, 201):
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")

    @task(40)
    def inbox(self):
        self.get("inbox", "/", config["bench_cookie"])

    @task(25)
    def dossier(self):
        self.get("dossier", "/nominations/%d" % self.rng.choice(config["dossiers"]), config["reader_cookie"])

    @task(10)
    def approve_or_return(self):
        id = self.mine[self.step % len(self.mine)]
        returning = (self.step // len(self.mine)) % 2 == 0
        self.step += 1
        if returning:
            self.post("return", "/v1/nominations/%d/return" % id, config["province_token"], b'{"reason":"bench"}', "application/json")
        else:
            self.post("resubmit", "/v1/nominations/%d/resubmit" % id, config["nominator_token"], b"{}", "application/json")

    @task(10)
    def search(self):
        name = self.rng.choice(config["names"])
        if self.rng.random() < 0.5:
            name = plain(name)
        self.get("search", "/search?q=" + name.replace(" ", "+"), config["reader_cookie"])

    @task(5)
    def awardees(self):
        self.get("awardees", "/awardees?year=2025", config["reader_cookie"])

    @task(5)
    def report(self):
        self.get("report", "/reports/summary?year=2025", config["reader_cookie"])

    @task(5)
    def upload(self):
        id = self.rng.choice(config["uploads"])
        self.post("upload", "/v1/nominations/%d/documents?type=khac&name=bao-cao.pdf" % id, config["province_token"], PDF, "application/pdf")


def cpu_seconds():
    """CPU seconds used so far by awardd, by PostgreSQL's processes, by this generator, and by the machine."""
    tick = os.sysconf("SC_CLK_TCK")

    def proc(pid):
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            return 0.0
    postgres = 0.0
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if open(f"/proc/{pid}/comm").read().strip() == "postgres":
                    postgres += proc(pid)
            except OSError:
                pass
    usage = resource.getrusage(resource.RUSAGE_SELF)
    total = sum(int(v) for v in open("/proc/stat").readline().split()[1:8]) / tick
    idle = [int(v) for v in open("/proc/stat").readline().split()[1:8]][3] / tick
    return {"awardd": proc(config["awardd_pid"]), "postgres": postgres, "generator": usage.ru_utime + usage.ru_stime,
            "busy": total - idle, "all": total}


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] if values else 0.0


def measure(runner, rate, seconds):
    pace["interval"] = USERS / rate
    gevent.sleep(3)   # the officers settle at the new pace
    samples.clear(); failures.clear()
    before, began = cpu_seconds(), time.monotonic()
    gevent.sleep(seconds)
    after, elapsed = cpu_seconds(), time.monotonic() - began
    pages = {}
    for name, values in sorted(samples.items()):
        pages[name] = {"count": len(values), "p50_ms": round(percentile(values, 0.5), 2), "p99_ms": round(percentile(values, 0.99), 2),
                       "failed": failures.get(name, 0)}
    done = sum(len(v) for v in samples.values())
    cores = (after["all"] - before["all"]) or 1.0
    cpu = {k: round(100 * (after[k] - before[k]) / cores * os.cpu_count(), 1) for k in ("awardd", "postgres", "generator", "busy")}
    judged = {n: p for n, p in pages.items() if n not in LEFT_OUT}
    ok = (done >= 0.95 * rate * elapsed and not any(failures.get(n) for n in judged)
          and all(p["p99_ms"] <= LIMIT_MS.get(n, DEFAULT_LIMIT_MS) for n, p in judged.items()))
    result = {"target": round(rate, 1), "achieved": round(done / elapsed, 1), "ok": ok, "pages": pages,
              "cpu_percent_of_one_core": cpu}
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return result


def alone(calls):
    """Each page alone, one request at a time, over one kept-alive connection per officer."""
    import http.client, urllib.parse
    base = urllib.parse.urlparse(config["base"])
    connections = {}
    rng = random.Random(7)
    pages = [
        ("inbox", lambda: "/", "bench_cookie"),
        ("inbox_province", lambda: "/", "reader_cookie"),
        ("dossier", lambda: "/nominations/%d" % rng.choice(config["dossiers"]), "reader_cookie"),
        ("search", lambda: "/search?q=" + urllib.parse.quote_plus(rng.choice(config["names"])), "reader_cookie"),
        ("search_plain", lambda: "/search?q=" + urllib.parse.quote_plus(plain(rng.choice(config["names"]))), "reader_cookie"),
        ("search_country", lambda: "/search?q=" + urllib.parse.quote_plus(rng.choice(config["names"])), "admin_cookie"),
        ("awardees", lambda: "/awardees?year=2025", "reader_cookie"),
        ("report", lambda: "/reports/summary?year=2025", "reader_cookie"),
        ("decisions", lambda: "/decisions?year=2025", "reader_cookie"),
        ("awardees_xlsx_province_year", lambda: "/awardees?year=2025&format=xlsx", "reader_cookie"),
        ("form_0602_country", lambda: "/reports/forms?code=0602&period=2025", "admin_cookie"),
        ("form_0603_country", lambda: "/reports/forms?code=0603&period=2025", "admin_cookie"),
    ]
    limits = {"awardees_xlsx_province_year": 3000.0, "form_0602_country": 1000.0, "form_0603_country": 1000.0}
    for name, path, who in pages:
        connection = connections.setdefault(who, http.client.HTTPConnection(base.hostname, base.port, timeout=120))
        heavy = name in limits
        timings, statuses, size = [], set(), 0
        began = time.monotonic()
        for i in range((3 if heavy else calls) + 3):
            if i > 8 and time.monotonic() - began > 20:   # a slow page: 20 s of it says enough
                break
            if i == 0:   # a connection left idle may have been closed by awardd: a new one per page
                connection.close()
            start = time.perf_counter()
            connection.request("GET", path(), headers={"Cookie": config[who]})
            response = connection.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - start) * 1000
            if i == 0 and name == "dossier":
                open(os.environ.get("AWARD_PEAK_SAMPLE", "/dev/null"), "wb").write(body)
            if i >= 3:   # the first few warm the statement cache
                timings.append(elapsed)
                statuses.add(response.status)
                size = len(body)
        limit = limits.get(name, 50.0)
        print(json.dumps({"page": name, "calls": len(timings), "p50_ms": round(percentile(timings, 0.5), 2),
                          "p99_ms": round(percentile(timings, 0.99), 2), "limit_ms": limit,
                          "met": percentile(timings, 0.99) <= limit and statuses == {200},
                          "status": sorted(statuses), "bytes": size}, ensure_ascii=False), flush=True)


def main():
    if mode == "alone":
        return alone(int(sys.argv[3]))
    env = Environment(user_classes=[Officer], events=events)
    runner = env.create_local_runner()
    pace["interval"] = USERS / 10.0
    runner.start(USERS, spawn_rate=USERS)
    gevent.sleep(2)
    seconds = float(sys.argv[4] if mode == "fixed" else sys.argv[3])
    if mode == "fixed":
        result = measure(runner, float(sys.argv[3]), seconds)
        runner.quit()
        result["total_requests"] = total[0]
        print(json.dumps(result, ensure_ascii=False), flush=True)
        return
    else:
        # Double the rate until a limit breaks, then halve the interval between the last good
        # rate and the first bad one three times.
        good, bad, rate = 0.0, None, float(config.get("start_rate", 40))
        while bad is None and rate <= 6000:
            if measure(runner, rate, seconds)["ok"]:
                good, rate = rate, rate * 2
            else:
                bad = rate
        for _ in range(3 if bad else 0):
            middle = (good + bad) / 2
            if measure(runner, middle, seconds)["ok"]:
                good = middle
            else:
                bad = middle
        at_r = measure(runner, good, seconds * 2) if good else None
        at_half = measure(runner, good / 2, seconds * 2) if good else None
        print(json.dumps({"R": round(good, 1), "left_out": sorted(LEFT_OUT), "at_R": at_r, "at_half_R": at_half}, ensure_ascii=False), flush=True)
    runner.quit()


main()
