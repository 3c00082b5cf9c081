-- Full-text indexes (DuckDB fts extension); rebuilt after each load.
PRAGMA create_fts_index('quotes', 'quote_id', 'text', 'speaker_name', overwrite = 1);
PRAGMA create_fts_index('articles', 'article_id', 'title', 'text', overwrite = 1);
