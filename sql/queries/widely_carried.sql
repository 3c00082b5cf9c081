-- Which quotations were carried by at least $min_outlets outlets?
SELECT quote, speaker_name, outlets, articles, outlet_list, first_seen
FROM quote_spread
WHERE outlets >= CAST($min_outlets AS INTEGER)
ORDER BY outlets DESC, articles DESC, first_seen;
