-- Where the server's time goes per transition (scripts/bench --profile): pg_stat_statements with
-- track = all, so the statements inside triggers and functions show beside the client's own.
-- Run after pgbench ran transition.sql with the statistics reset before it; :transactions is the
-- number of transitions pgbench committed in that window.
-- "top" marks the client's own statements; a nested one's time is also inside its caller's.
\pset footer off
SELECT CASE WHEN toplevel THEN 'top' ELSE 'nested' END AS level,
       round(calls::numeric / :transactions, 2) AS per_tr,
       round((total_exec_time * 1000 / :transactions)::numeric, 1) AS us_per_tr,
       round((total_plan_time * 1000 / :transactions)::numeric, 1) AS plan_us,
       round(wal_bytes::numeric / :transactions) AS wal_b,
       round((shared_blks_hit + shared_blks_read)::numeric / :transactions, 1) AS blks,
       left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS statement
FROM pg_stat_statements
WHERE calls >= :transactions / 4
ORDER BY toplevel DESC, total_exec_time DESC
LIMIT 30;
SELECT round(wal_bytes::numeric / :transactions) AS wal_bytes_per_tr, round(wal_records::numeric / :transactions, 1) AS wal_records_per_tr,
       round(wal_fpi::numeric / :transactions, 2) AS full_pages_per_tr
FROM pg_stat_wal;
SELECT relname, n_tup_upd AS updates, n_tup_hot_upd AS hot, n_tup_ins AS inserts,
       (SELECT count(*) FROM pg_index i WHERE i.indrelid = s.relid) AS indexes
FROM pg_stat_user_tables s
WHERE n_tup_upd + n_tup_ins >= :transactions / 4
ORDER BY relname;
SELECT funcname, calls, round((self_time * 1000 / :transactions)::numeric, 1) AS self_us_per_tr,
       round((total_time * 1000 / :transactions)::numeric, 1) AS total_us_per_tr
FROM pg_stat_user_functions WHERE calls >= :transactions / 4 ORDER BY total_time DESC;
