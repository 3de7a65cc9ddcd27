#!/usr/bin/env python3
"""Times the web pages over HTTP, one request at a time, signed in through the login form:
  pages.py BASE_URL USER PASSWORD CALLS PATH...   (a PATH with {id} takes a random id from 1 to $AWARD_MAX_ID)
Prints one line per path: name=… calls=N p50_ms=… p99_ms=… status=…"""
import os, random, re, sys, time, urllib.parse, urllib.request, urllib.error

base, user, password, calls, paths = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def fetch(path, cookie=None, form=None):
    request = urllib.request.Request(base + path, data=urllib.parse.urlencode(form).encode() if form else None)
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


_, headers, page = fetch("/login")
login_cookie = headers["Set-Cookie"].split(";")[0]
csrf = re.search(rb'name="_csrf" value="([0-9a-f]+)"', page).group(1).decode()
status, headers, _ = fetch("/login", cookie=login_cookie, form={"_csrf": csrf, "username": user, "password": password})
if status != 303:
    sys.exit(f"pages.py: sign-in as {user} failed ({status})")
session = headers["Set-Cookie"].split(";")[0]
rng = random.Random(5)
top = int(os.environ.get("AWARD_MAX_ID", "1000"))
for path in paths:
    timings, statuses = [], set()
    for i in range(calls + 5):
        concrete = path.replace("{id}", str(rng.randint(1, top)))
        start = time.perf_counter()
        status, _, _ = fetch(concrete, cookie=session)
        elapsed = (time.perf_counter() - start) * 1000
        if i >= 5:   # the first few warm the statement cache
            timings.append(elapsed)
            statuses.add(status)
    timings.sort()
    name = re.sub(r"[^a-z]+", "_", path.split("?")[0].replace("{id}", "id")).strip("_") or "inbox"
    print(f"name={name}_page calls={calls} p50_ms={timings[len(timings) // 2]:.2f} p99_ms={timings[int(len(timings) * 0.99)]:.2f} "
          f"status={','.join(map(str, sorted(statuses)))}")
