-- The same functions, fast and never failing.
CREATE OR REPLACE FUNCTION report_total() RETURNS bigint LANGUAGE plpgsql STABLE AS $$
BEGIN RETURN (SELECT sum(stock) FROM products); END $$;
CREATE OR REPLACE FUNCTION lookup(p int) RETURNS int LANGUAGE plpgsql STABLE AS $$
BEGIN RETURN (SELECT stock FROM products WHERE id = p); END $$;
CREATE OR REPLACE FUNCTION checked_stock(p int) RETURNS int LANGUAGE plpgsql STABLE AS $$
BEGIN RETURN (SELECT stock FROM products WHERE id = p); END $$;
CREATE OR REPLACE FUNCTION nightly_rollup() RETURNS bigint LANGUAGE plpgsql STABLE AS $$
BEGIN RETURN (SELECT sum(stock) FROM products); END $$;
