-- Remove everything a night loaded, and older rows of the articles being reloaded tonight
-- (a refetched article lives in its latest night only). Parameter: $run_date.
DELETE FROM quotes
WHERE run_date = $run_date
   OR article_id IN (SELECT article_id FROM incoming_articles);
DELETE FROM articles
WHERE run_date = $run_date
   OR article_id IN (SELECT article_id FROM incoming_articles);
DELETE FROM fetch_log WHERE run_date = $run_date;
DELETE FROM runs WHERE run_date = $run_date;
