-- The query made fast, and the unique indexes CONCURRENTLY needs.
CREATE OR REPLACE FUNCTION slow_regions() RETURNS SETOF text LANGUAGE sql AS $$
  SELECT unnest(array['eu', 'us', 'apac']) $$;
CREATE UNIQUE INDEX region_counts_region_key ON region_counts (region);
DROP INDEX region_maxima_region;
CREATE UNIQUE INDEX region_maxima_region ON region_maxima (region);
