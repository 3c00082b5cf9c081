-- confidence as DOUBLE: it is a probability rounded to 0.01, and REAL showed 0.35 as
-- 0.3499999940395355 in every query. Existing rows are rounded back to their two decimals.
ALTER TABLE quotes ALTER COLUMN confidence SET DATA TYPE DOUBLE;
UPDATE quotes SET confidence = round(confidence, 2);
