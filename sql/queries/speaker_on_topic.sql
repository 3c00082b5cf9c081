-- What did a speaker say about a topic in a period?  e.g. Lavrov on missile defence this month.
-- Parameters: $speaker (part of the name, case-insensitive), $topic (full-text query words),
--             $since (date, inclusive).
SELECT f.published_at, f.outlet, f.speaker_name, f.quote, f.url
FROM quotes_full AS f
JOIN (SELECT quote_id, fts_main_quotes.match_bm25(quote_id, $topic, fields := 'text') AS score FROM quotes) AS s
  USING (quote_id)
WHERE s.score IS NOT NULL
  AND f.speaker_name ILIKE '%' || $speaker || '%'
  AND coalesce(f.published_at, f.run_date) >= CAST($since AS DATE)
ORDER BY s.score DESC, f.published_at DESC;
