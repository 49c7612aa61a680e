-- Repairs what fixture.sql planted (the test then VACUUMs events and scans the wide index).
DROP INDEX accounts_email_idx, accounts_region_idx, orders_status_idx, readings_v_idx;
CREATE INDEX orders_parent_idx ON orders (parent_id);
REINDEX TABLE readings;
