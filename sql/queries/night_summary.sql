-- What each loaded night brought in.
SELECT r.run_date,
       (SELECT count(*) FROM articles a WHERE a.run_date = r.run_date) AS articles,
       (SELECT count(*) FROM articles a WHERE a.run_date = r.run_date AND NOT a.is_canonical) AS copies,
       (SELECT count(*) FROM quotes q WHERE q.run_date = r.run_date) AS quotes,
       (SELECT count(*) FROM fetch_log l WHERE l.run_date = r.run_date AND l.status = 'error') AS fetch_errors
FROM runs r
ORDER BY r.run_date DESC;
