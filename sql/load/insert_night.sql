-- Insert one night from the registered lake tables (incoming_*). Columns by name.
INSERT INTO articles BY NAME SELECT * FROM incoming_articles;
INSERT INTO quotes BY NAME SELECT * FROM incoming_quotes;
INSERT INTO fetch_log BY NAME SELECT * FROM incoming_fetch_log;
