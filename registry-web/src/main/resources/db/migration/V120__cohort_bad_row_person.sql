-- A cohort's bad row names the person it is about (name and e-mail as given), so the admin finds them
-- without opening the file; null for a fault of the whole file (a missing column, not UTF-8).
ALTER TABLE cohort_bad_row ADD COLUMN name text, ADD COLUMN email text;
