-- The restored data's own newest point (the largest Rails created_at/updated_at of any table),
-- next to the listing's (restored_up_to). Null for drills before this column, and for data without
-- such a column.
ALTER TABLE drill ADD COLUMN newest_row_at BIGINT;
ALTER TABLE drill ADD COLUMN newest_row_column TEXT;
