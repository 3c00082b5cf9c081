-- One representative per story cluster, across all nights: the earliest published member,
-- ties (and unknown dates, which sort last) broken by the night it arrived and then article_id.
UPDATE articles AS a
SET is_canonical = (a.article_id = c.canonical_id)
FROM (
    SELECT cluster_id,
           arg_min(article_id, (coalesce(published_at, TIMESTAMPTZ '9999-12-31'), run_date, article_id))
               AS canonical_id
    FROM articles
    GROUP BY cluster_id
) AS c
WHERE a.cluster_id = c.cluster_id;
