-- Who is quoted most (optionally only in quotes matching a full-text $topic; '' = all topics)?
SELECT f.speaker_name, count(*) AS quotes, count(DISTINCT f.cluster_id) AS stories,
       count(DISTINCT f.outlet) AS outlets
FROM quotes_full AS f
LEFT JOIN (SELECT quote_id, fts_main_quotes.match_bm25(quote_id, $topic, fields := 'text') AS score FROM quotes) AS s
  USING (quote_id)
WHERE f.speaker_name IS NOT NULL
  AND ($topic = '' OR s.score IS NOT NULL)
GROUP BY f.speaker_name
ORDER BY quotes DESC, f.speaker_name
LIMIT 20;
