#!/usr/bin/env python3
"""The peak mix's SQL, for pgbench (scripts/bench --peak): reads the statements awardd ran while
the mix was captured (PostgreSQL's csvlog with log_min_duration_statement = 0), groups them into
the units awardd sent (a BEGIN … COMMIT, or one statement on its own), samples them at random (so
the sample keeps the mix's proportions) and writes one pgbench script per unit, each statement
with its parameters bound as pgbench variables (run with -M prepared, as awardd prepares them).
A unit that wrote a transition (it calls award_conflict, and would only conflict when replayed)
is replaced by scripts/bench.d/transition.sql, the engine's own transition with pgbench variables.

  mixsql.py LOG_DIR OUT_DIR SAMPLE CONNINFO
Prints JSON: units captured, sampled, kept, replaced by the transition, dropped (and why), and
the -f / -D arguments pgbench needs, NUL-separated (OUT_DIR/args)."""
import csv, glob, json, os, random, re, subprocess, sys

log_dir, out_dir, sample, conninfo = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
os.makedirs(out_dir, exist_ok=True)
csv.field_size_limit(1 << 30)
EXECUTED = re.compile(r"^duration: [0-9.]+ ms  (?:execute [^:]*|statement): (.*)$", re.S)
PARAMETER = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")

sessions = {}
for path in sorted(glob.glob(os.path.join(log_dir, "*.csv"))):
    with open(path, newline="", encoding="utf-8") as file:
        for row in csv.reader(file):
            if len(row) < 23 or row[1] != "awardd":
                continue
            match = EXECUTED.match(row[13])
            if not match:
                continue
            parameters = {int(n): v for n, v in PARAMETER.findall(row[14] or "")}
            sessions.setdefault(row[5], []).append((int(row[6]), match.group(1).strip().rstrip(";"), parameters))

units = []
for lines in sessions.values():
    lines.sort(key=lambda line: line[0])
    open_unit = None
    for _, text, parameters in lines:
        word = text.split(None, 1)[0].upper() if text else ""
        if word in ("BEGIN", "START"):
            open_unit = [(text, parameters)]
        elif word in ("COMMIT", "ROLLBACK", "END") and open_unit is not None:
            open_unit.append((text, parameters))
            units.append(open_unit)
            open_unit = None
        elif open_unit is not None:
            open_unit.append((text, parameters))
        else:
            units.append([(text, parameters)])

random.seed(31)
chosen = random.sample(units, min(sample, len(units)))
variables, files = {}, []
kept = transitions = 0
dropped = {}
STRAY = re.compile(r"(?<![:\w]):(?!:)[A-Za-z0-9_]")


def script(unit):
    out = []
    for text, parameters in unit:
        if STRAY.search(text):
            raise ValueError("a colon pgbench would read as a variable")

        def bind(match):
            value = parameters.get(int(match.group(1)))
            if value is None:
                raise ValueError("a parameter the log did not give")
            if value == "NULL":
                return "NULL"
            name = "p%d" % len(variables)
            variables[name] = value[1:-1].replace("''", "'")
            return ":" + name
        out.append(re.sub(r"\$(\d+)\b", bind, text) + ";\n")
    return "".join(out)


for index, unit in enumerate(chosen):
    if any("award_conflict(" in text for text, _ in unit):
        transitions += 1
        continue
    try:
        body = script(unit)
    except ValueError as error:
        dropped[str(error)] = dropped.get(str(error), 0) + 1
        continue
    path = os.path.join(out_dir, "u%04d.sql" % index)
    open(path, "w").write(body)
    files.append(path)

defines = [item for name, value in variables.items() for item in ("-D", f"{name}={value}")]
pgbench = os.path.join(os.environ.get("PGBIN", ""), "pgbench")
good = []
for path in files:
    # Each unit must run twice over, as pgbench will run it again and again.
    run = subprocess.run([pgbench, "-n", "-M", "prepared", "-c", "1", "-t", "2", "-f", path, *defines, conninfo],
                         capture_output=True, text=True)
    if run.returncode == 0 and "failed transactions: 0 " in run.stdout:
        good.append(path)
        kept += 1
    else:
        reason = "fails when replayed: " + (re.findall(r"ERROR:  ([^\n]*)", run.stderr)[:1] or [run.stderr.strip()[-120:]])[0]
        dropped[reason] = dropped.get(reason, 0) + 1
with open(os.path.join(out_dir, "args"), "w") as file:   # NUL-separated: a value may hold a newline
    for item in [a for path in good for a in ("-f", path + "@1")] + defines:
        file.write(item + "\0")
print(json.dumps({"units": len(units), "sampled": len(chosen), "kept": kept, "transitions": transitions,
                  "dropped": dropped}, ensure_ascii=False))
