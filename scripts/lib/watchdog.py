#!/usr/bin/env python3
"""Runs `swift test` (or any command printing swift-testing's console lines) with a time limit, so
that a hung test ends CI with its name and every thread's backtrace instead of running silently
into CI's own limit.

    scripts/lib/watchdog.py --limit 1500 [--retry] -- swift test --skip-build ...

The command's output is passed through line by line. When the limit passes, the watchdog prints the
tests that started and did not end, a backtrace of every thread of the test processes (gdb), kills
the command's process group and exits 124. With --retry it then runs each of those tests again on
its own (`swift test --skip-build --filter`), under the same limit, and exits with that run's
status: the hang is reported, loudly, whether or not the retry passes.
"""
import argparse, os, re, signal, subprocess, sys, threading, time

STARTED = re.compile(r"◇ Test (\S+?)\(.*\) started\.")
# "✔ Test f() passed after 1.2 seconds.", "✔ Test g(action:) with 7 test cases passed after …"
ENDED = re.compile(r"[✔✘] Test (\S+?)\(.*\)( with \d+ test cases?)? (passed|failed|skipped|recorded)")


def descendants(pid):
    """Every process below pid, from /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def command_line(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"


def run(command, limit):
    """Runs command, passing its output through; returns (status, tests started and not ended)."""
    # stdbuf: swift-testing writes through C stdio, which a pipe would buffer by the 4 KiB.
    process = subprocess.Popen(["stdbuf", "-oL", "-eL"] + command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    running, lock = {}, threading.Lock()

    def pump():
        for raw in process.stdout:
            line = raw.decode(errors="replace")
            sys.stdout.write(line)
            sys.stdout.flush()
            with lock:
                if m := STARTED.search(line):
                    running[m.group(1)] = time.monotonic()
                elif m := ENDED.search(line):
                    running.pop(m.group(1), None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        status = process.wait(timeout=limit)
        reader.join()
        return status, []
    except subprocess.TimeoutExpired:
        pass
    with lock:
        hung = sorted(running, key=running.get)
    print(f"\nwatchdog: `{' '.join(command)}` still running after {limit} s", flush=True)
    print("watchdog: tests started and not ended: " + (", ".join(hung) or "none seen"), flush=True)
    for pid in descendants(process.pid):
        line = command_line(pid)
        if "xctest" not in line and "PackageTests" not in line:
            continue
        print(f"watchdog: backtraces of {pid} ({line})", flush=True)
        trace = subprocess.run(["gdb", "-p", str(pid), "-batch", "-nx", "-ex", "set pagination off",
                                "-ex", "thread apply all bt 30"], capture_output=True, text=True, timeout=300)
        print("\n".join(l for l in trace.stdout.splitlines() if l.startswith(("Thread ", "#"))), flush=True)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return 124, hung


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=float, required=True)
    parser.add_argument("--retry", action="store_true")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    status, hung = run(command, args.limit)
    if status != 124 or not args.retry:
        sys.exit(status)
    if not hung:
        sys.exit(124)
    pattern = "|".join(re.escape(name) + r"\(" for name in hung)
    print(f"watchdog: HANG reported above; running {', '.join(hung)} again on their own", flush=True)
    status, _ = run(["swift", "test", "--skip-build", "--filter", pattern], args.limit)
    print(f"watchdog: the retry of the hung tests {'passed' if status == 0 else 'failed'}", flush=True)
    sys.exit(status)


if __name__ == "__main__":
    main()
