-- refresh fixtures: materialized views over a slow query (slow_regions() waits 400ms, as a
-- heavy aggregate would), refreshed without CONCURRENTLY, over budget, or without the unique
-- index that REFRESH … CONCURRENTLY needs.
CREATE TABLE sales (id int PRIMARY KEY, region text NOT NULL, amount_cents int NOT NULL);
INSERT INTO sales SELECT g, (array['eu', 'us', 'apac'])[1 + g % 3], g FROM generate_series(1, 3000) g;
CREATE FUNCTION slow_regions() RETURNS SETOF text LANGUAGE sql AS $$
  SELECT r FROM pg_sleep(0.4), unnest(array['eu', 'us', 'apac']) AS r $$;

-- Refreshed without CONCURRENTLY: ACCESS EXCLUSIVE for the 400ms the query runs.
CREATE MATERIALIZED VIEW region_totals AS
  SELECT s.region, sum(s.amount_cents) AS total_cents FROM sales s JOIN slow_regions() r ON r = s.region GROUP BY s.region;

-- CONCURRENTLY with a unique index, but over the refresh budget.
CREATE MATERIALIZED VIEW region_totals_keyed AS
  SELECT s.region, sum(s.amount_cents) AS total_cents FROM sales s JOIN slow_regions() r ON r = s.region GROUP BY s.region;
CREATE UNIQUE INDEX region_totals_keyed_region ON region_totals_keyed (region);

-- CONCURRENTLY without any unique index.
CREATE MATERIALIZED VIEW region_counts AS SELECT region, count(*) AS n FROM sales GROUP BY region;
CREATE INDEX region_counts_region ON region_counts (region);

-- CONCURRENTLY with only a partial unique index (PostgreSQL needs one without WHERE).
CREATE MATERIALIZED VIEW region_maxima AS SELECT region, max(amount_cents) AS top_cents FROM sales GROUP BY region;
CREATE UNIQUE INDEX region_maxima_region ON region_maxima (region) WHERE region <> 'apac';
