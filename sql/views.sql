-- Views users query. Recreated on every connect by quotewire (idempotent).

-- Every quotation with its article's where and when.
CREATE OR REPLACE VIEW quotes_full AS
SELECT q.quote_id, q.unique_quote_id, q.text AS quote, q.type,
       q.speaker_name, q.speaker, q.speaker_role, q.cue, q.confidence,
       a.article_id, a.title, a.outlet, a.url, a.published_at, a.dateline,
       a.cluster_id, a.is_canonical, q.start, q."end", q.run_date
FROM quotes q
JOIN articles a USING (article_id);

-- Who is quoted, how often, in how many stories and outlets.
CREATE OR REPLACE VIEW speakers AS
SELECT speaker_name,
       count(*)                        AS quotes,
       count(DISTINCT unique_quote_id) AS distinct_quotes,
       count(DISTINCT cluster_id)      AS stories,
       count(DISTINCT outlet)          AS outlets,
       min(published_at)               AS first_quoted,
       max(published_at)               AS last_quoted
FROM quotes_full
WHERE speaker_name IS NOT NULL
GROUP BY speaker_name;

-- One row per distinct wording: how far a quotation travelled.
CREATE OR REPLACE VIEW quote_spread AS
SELECT unique_quote_id,
       any_value(quote ORDER BY published_at NULLS LAST) AS quote,
       any_value(speaker_name ORDER BY confidence DESC)  AS speaker_name,
       count(*)                   AS articles,
       count(DISTINCT outlet)     AS outlets,
       list(DISTINCT outlet ORDER BY outlet) FILTER (WHERE outlet IS NOT NULL) AS outlet_list,
       min(published_at)          AS first_seen
FROM quotes_full
GROUP BY unique_quote_id;

-- Stories (dedup clusters) with the outlets that carried them.
CREATE OR REPLACE VIEW stories AS
SELECT cluster_id,
       any_value(title) FILTER (WHERE is_canonical) AS title,
       count(*)                AS copies,
       count(DISTINCT outlet)  AS outlets,
       min(published_at)       AS first_published
FROM articles
GROUP BY cluster_id;

-- Failed fetches, newest night first.
CREATE OR REPLACE VIEW fetch_failures AS
SELECT run_date, source, url, reason, http_status, attempts
FROM fetch_log
WHERE status = 'error'
ORDER BY run_date DESC, source, url;
