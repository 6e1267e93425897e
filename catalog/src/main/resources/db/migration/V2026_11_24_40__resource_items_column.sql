-- Information items move into their resource's row, as a JSON array (issue 3 benchmark: a resource and its
-- items are always written and read together, versioned together — resource_history's snapshot already holds
-- them as JSON — and nothing queries items across resources). One row per resource instead of eleven made the
-- bulk import ~3x cheaper: no per-item primary-key and foreign-key maintenance. V2026_11_24_41 (Java) fills the
-- column from information_item; V2026_11_24_42 drops the table.
ALTER TABLE resource ADD COLUMN items TEXT;
