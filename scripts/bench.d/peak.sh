#!/usr/bin/env bash
# The year-end peak (scripts/bench --peak [--quick]), on the national data set:
#   1. the data: the cluster of AWARD_NATIONAL (left by `scripts/national --keep DIR`), else a new
#      one (scripts/national; with --quick a tenth of the history), restarted with csvlog on;
#   2. the officers: a province of the national set with the most dossiers (its officer reads), the
#      bench's own province whose inbox holds the dossiers that move (awardctl bench --setup-only),
#      an admin at the centre (the country's forms);
#   3. each page alone, one request at a time (goal 2);
#   4. R: the highest rate of the December mix (scripts/bench.d/peak.py) with every page's p99 in
#      its limit, and the pages at R and R/2, with the CPU each side used;
#   5. the mix's SQL alone: awardd's statements captured at R/2 (csvlog), replayed by pgbench
#      (scripts/bench.d/mixsql.py), as requests/s of the mix; the ratio R ÷ that (goal 1).
# Called by scripts/bench with $bin (release binaries), $seconds and $quick set.
set -euo pipefail
pgbench="$(award_pg_bindir)/pgbench"
python3 -c "import locust" 2>/dev/null || python3 -m pip install -q locust >&2
national=${AWARD_NATIONAL:-}
made=""
if [ -z "$national" ]; then
    national="$tmp/national" made=1
    scripts/national --keep "$national" $($quick && echo --scale 0.1) >&2
fi
national=$(cd "$national" && pwd)
awardd_pid=""
peak_cleanup() {
    [ -n "$awardd_pid" ] && kill "$awardd_pid" 2>/dev/null && wait "$awardd_pid" 2>/dev/null
    psql -Xq -d national -c "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" >/dev/null 2>&1 || true
    [ -z "$made" ] || award_pg_stop "$national"
    rm -rf "$tmp"
}
trap peak_cleanup EXIT
award_pg_stop "$national"
rm -rf "$national/data/peak-log"   # before the start: the logger keeps writing to the file it opened
award_pg_start "$national" "-c max_connections=100 -c shared_buffers=1GB -c logging_collector=on -c log_destination=csvlog -c log_directory=peak-log"
url="host=$national dbname=national user=awardd"
# A set made by an older awardctl gets this one's migrations (a baseline's binaries run on the schema they know).
"$bin/awardctl" db migrate --database-url "host=$national dbname=national user=award_owner" >/dev/null
sql() { psql -XAtq -d national -v ON_ERROR_STOP=1 "$@"; }

# 2. The officers and their dossiers.
users=$($quick && echo 30 || echo 60)
setup=$("$bin/awardctl" bench --setup-only --clients $(( users + 1 )) --nominations-per-client 10 --database-url "$url" 2>/dev/null)
first=$(jq '.ids[0]' <<<"$setup")
bench_officer=$(sql -c "SELECT u.name FROM users u JOIN nominations n ON n.current_org_id = u.org_id WHERE n.id = $first AND u.role = 'approver'")
province=$(sql -c "SELECT p.code FROM orgs p JOIN orgs u ON u.path @> ARRAY[p.id] JOIN nominations n ON n.unit_id = u.id
                   WHERE p.level = 'province' AND p.valid_to IS NULL AND n.year = 2025 GROUP BY p.code ORDER BY count(*) DESC LIMIT 1")
stamp=$(date +%s)
reader="can-bo.$stamp" admin="quan-tri.$stamp"
"$bin/awardctl" user add "$reader" --org "$province" --role approver --database-url "$url" >/dev/null
"$bin/awardctl" user add "$admin" --org "$(sql -c "SELECT code FROM orgs WHERE parent_id IS NULL AND level = 'central' LIMIT 1")" --role admin --database-url "$url" >/dev/null
for user in "$bench_officer" "$reader" "$admin"; do
    printf 'bench-peak-password\n' | "$bin/awardctl" user passwd "$user" --password-stdin --database-url "$url" >/dev/null
done
# The same dossiers and names from run to run (a seeded random sample), so that runs compare.
sample=$(sql -c "SELECT setseed(0.31)" -c "SELECT json_build_object('dossiers', (SELECT json_agg(id) FROM (SELECT n.id FROM nominations n JOIN orgs u ON u.id = n.unit_id
                        JOIN orgs p ON u.path @> ARRAY[p.id] WHERE p.code = '$province' ORDER BY random() LIMIT 2000) s),
                 'names', (SELECT json_agg(name) FROM (SELECT e.name FROM nominees e JOIN nominations n ON n.nominee_id = e.id
                        JOIN orgs u ON u.id = n.unit_id JOIN orgs p ON u.path @> ARRAY[p.id] WHERE p.code = '$province' ORDER BY random() LIMIT 300) s))" | tail -1)

# awardd, as an operator starts it (release build, a pool of 8).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin/awardd" --database-url "$url" --listen "127.0.0.1:$port" --pool-size 8 --log-level warning >"$tmp/awardd-peak.log" 2>&1 &
awardd_pid=$!
for _ in $(seq 300); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
# Fresh dossiers to move before each run of the mix: a run leaves them half returned, and an
# officer of the next run would begin by returning a dossier already returned.
fresh_moving() {
    local setup
    setup=$("$bin/awardctl" bench --setup-only --clients $(( users + 1 )) --nominations-per-client 10 --database-url "$url" 2>/dev/null)
    jq --argjson setup "$setup" --argjson users "$users" '.province_token = $setup.province_token | .nominator_token = $setup.nominator_token
        | .moving = [range(0; $users) as $i | $setup.ids[($i * 10):($i * 10 + 10)]] | .uploads = $setup.ids[($users * 10):]' \
        "$tmp/peak.json" >"$tmp/peak.json.new"
    mv "$tmp/peak.json.new" "$tmp/peak.json"
}
jq -n --argjson setup "$setup" --argjson sample "$sample" --arg base "http://127.0.0.1:$port" --argjson pid "$awardd_pid" \
      --argjson users "$users" --arg bench "$bench_officer" --arg reader "$reader" --arg admin "$admin" '{
    base: $base, awardd_pid: $pid, users: $users, password: "bench-peak-password",
    officers: {bench_cookie: $bench, reader_cookie: $reader, admin_cookie: $admin},
    province_token: $setup.province_token, nominator_token: $setup.nominator_token,
    moving: [range(0; $users) as $i | $setup.ids[($i * 10):($i * 10 + 10)]], uploads: $setup.ids[($users * 10):],
    dossiers: $sample.dossiers, names: $sample.names }' >"$tmp/peak.json"
data=$(sql -c "SELECT format('%s nominations, %s history rows, %s orgs; the reading province %s (%s dossiers)',
                 to_char((SELECT count(*) FROM nominations), 'FM9,999,999'), to_char((SELECT count(*) FROM transitions), 'FM9,999,999'),
                 to_char((SELECT count(*) FROM orgs), 'FM9,999,999'), '$province',
                 to_char((SELECT count(*) FROM nominations n JOIN orgs u ON u.id = n.unit_id JOIN orgs p ON u.path @> ARRAY[p.id] WHERE p.code = '$province'), 'FM9,999,999'))")
echo "peak: data: $data; $users officers; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# 3. Each page alone.
: >"$tmp/alone.jsonl"
row() { printf '%-30s %-10s %10s %10s %10s  %s\n' "$@"; }
row page side p50_ms p99_ms limit_ms met
while read -r line; do
    row "$(jq -r .page <<<"$line")" alone "$(jq -r .p50_ms <<<"$line")" "$(jq -r .p99_ms <<<"$line")" "$(jq -r .limit_ms <<<"$line")" \
        "$(jq -r '(if .met then "yes" else "NO" end) + " (HTTP \(.status | map(tostring) | join(",")), \(.bytes) bytes)"' <<<"$line")"
done < <(python3 scripts/bench.d/peak.py "$tmp/peak.json" alone "$($quick && echo 50 || echo 200)" | tee "$tmp/alone.jsonl")

# 4. R.
fresh_moving
python3 scripts/bench.d/peak.py "$tmp/peak.json" search "$seconds" >"$tmp/search.jsonl"
while read -r line; do
    jq -r '"step: target \(.target)/s achieved \(.achieved)/s " + (if .ok then "within limits" else "over: " + ([.pages | to_entries[] | select(.value.p99_ms > (if .key == "upload" then 500 else 200 end) or .value.failed > 0) | "\(.key) p99 \(.value.p99_ms) ms" + (if .value.failed > 0 then " failed \(.value.failed)" else "" end)] | join(", ")) end) + "; cpu % of a core: awardd \(.cpu_percent_of_one_core.awardd), postgres \(.cpu_percent_of_one_core.postgres), generator \(.cpu_percent_of_one_core.generator), machine \(.cpu_percent_of_one_core.busy) of 200"' <<<"$line"
done < <(grep -v '"R"' "$tmp/search.jsonl")
result=$(grep '"R"' "$tmp/search.jsonl")
R=$(jq -r .R <<<"$result")
if [ "$(jq -r '.at_R == null' <<<"$result")" = true ]; then
    echo "peak: R below the lowest rate tried (5/s): no rate kept every page's p99 in its limit"
    R=5
fi
for at in at_R at_half_R; do
    [ "$(jq -r --arg at "$at" '.[$at] == null' <<<"$result")" = true ] && continue
    jq -r --arg at "$at" '.[$at] as $r | $r.pages | to_entries[] | [.key, $at, (.value.p50_ms | tostring), (.value.p99_ms | tostring),
        (if .key == "upload" then "500" else "200" end), "\(.value.count) requests at \($r.achieved)/s"] | @tsv' <<<"$result" \
        | while IFS=$'\t' read -r a b c d e f; do row "$a" "$b" "$c" "$d" "$e" "$f"; done
done
[ "$(jq -r '.at_R == null' <<<"$result")" = true ] || echo "peak: cpu at R (% of one core, 200 = both): $(jq -r '.at_R.cpu_percent_of_one_core | "awardd \(.awardd), postgres \(.postgres), generator \(.generator), machine \(.busy)"' <<<"$result")"

# 4b. When a page of the mix breaks its limit even alone, R is bounded by that page whatever the
# load: a second search leaves those pages out of the verdict (they are still requested, and
# measured), to say what the rest of the mix sustains.
R_rest=""
slow=$(jq -r 'select(.met == false) | .page' "$tmp/alone.jsonl" | grep -E '^(inbox|dossier|search|awardees|report)$' | paste -sd, - || true)
if [ -n "$slow" ]; then
    fresh_moving
    python3 scripts/bench.d/peak.py "$tmp/peak.json" search "$seconds" "$slow" | grep '"R"' >"$tmp/search-rest.jsonl" || true
    rest=$(cat "$tmp/search-rest.jsonl")
    if [ -n "$rest" ] && [ "$(jq -r '.at_R == null' <<<"$rest")" = true ]; then
        echo "peak: without $slow in the verdict, still no rate kept the other pages within their limits"
    elif [ -n "$rest" ]; then
        R_rest=$(jq -r .R <<<"$rest")
        echo "peak: R without $slow in the verdict (they break their limit alone) = $(jq -r .R <<<"$rest") requests/s; at it:"
        jq -r '.at_R as $r | $r.pages | to_entries[] | [.key, "at_R_rest", (.value.p50_ms | tostring), (.value.p99_ms | tostring),
            (if .key == "upload" then "500" else "200" end), "\(.value.count) requests at \($r.achieved)/s"] | @tsv' <<<"$rest" \
            | while IFS=$'\t' read -r a b c d e f; do row "$a" "$b" "$c" "$d" "$e" "$f"; done
        jq -r '"peak: cpu at that rate (% of one core): " + (.at_R.cpu_percent_of_one_core | "awardd \(.awardd), postgres \(.postgres), generator \(.generator), machine \(.busy)")' <<<"$rest"
    fi
fi

# 5. The mix's SQL alone: captured at R/2, replayed by pgbench at 8 clients.
capture_rate=$(awk -v r="$R" -v s="${R_rest:-0}" 'BEGIN { print (s > r ? s : r) / 2 }')
fresh_moving   # before the capture starts: the setup's own statements are not the mix
sql -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "SELECT pg_reload_conf()" >/dev/null
capture=$(python3 scripts/bench.d/peak.py "$tmp/peak.json" fixed "$capture_rate" 8 | tail -1)
sql -c "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" >/dev/null
sleep 1
requests=$(jq -r .total_requests <<<"$capture")
mix=$(PGBIN=$(award_pg_bindir) python3 scripts/bench.d/mixsql.py "$national/data/peak-log" "$tmp/mix" 120 "$url")
echo "peak: captured at $capture_rate/s: $requests requests; $(jq -r '"\(.units) units of SQL (a transaction or a statement); \(.sampled) sampled, \(.kept) replayed as captured, \(.transitions) transitions (as scripts/bench.d/transition.sql), dropped: \(.dropped | tojson)"' <<<"$mix")"
units=$(jq -r .units <<<"$mix")
moving=$("$bin/awardctl" bench --setup-only --clients 8 --nominations-per-client 20 --database-url "$url" 2>/dev/null | jq '.ids[0]')
[ "$(jq -r .kept <<<"$mix")" -gt 0 ] || { echo "peak: no captured SQL to replay" >&2; exit 1; }
mapfile -d '' arguments <"$tmp/mix/args"
transition_weight=$(jq -r .transitions <<<"$mix")
[ "$transition_weight" -gt 0 ] && arguments+=(-f "$tmp/transition.sql@$transition_weight" -D first="$moving" -D per=20)
out=$("$pgbench" -n -M prepared -c 8 -j 2 -T "$seconds" "${arguments[@]}" "$url" 2>"$tmp/pgbench.err") || { tail -5 "$tmp/pgbench.err" >&2; exit 1; }
tps=$(grep -E '^tps' <<<"$out" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/')
equivalent=$(awk -v t="$tps" -v u="$units" -v r="$requests" 'BEGIN { printf "%.0f", t * r / u }')
echo "peak: pgbench, the mix's SQL at 8 clients: $(printf '%.0f' "$tps") units/s = $equivalent requests/s of the mix ($(grep -oE 'failed transactions: [0-9]+' <<<"$out" | head -1 || echo 'failed transactions: 0'))"
echo "peak: R=$R requests/s; ratios: peak/pgbench=$(awk -v a="$R" -v b="$equivalent" 'BEGIN { printf "%.2f", a / b }') (goal 1: at least 0.5)$([ -n "$R_rest" ] && echo "; without $slow: R=$R_rest, peak/pgbench=$(awk -v a="$R_rest" -v b="$equivalent" 'BEGIN { printf "%.2f", a / b }')")"
