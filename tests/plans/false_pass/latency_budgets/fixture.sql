-- latency fixtures: statements a dashboard would run, made slow or failing the way real ones
-- are (pg_sleep stands for a slow join or a lock wait).
CREATE TABLE products (id int PRIMARY KEY, stock int NOT NULL);
INSERT INTO products SELECT g, g FROM generate_series(1, 100) g;

-- Always slow: every call takes 50ms (max 20ms is missed on every run).
CREATE FUNCTION report_total() RETURNS bigint LANGUAGE plpgsql STABLE AS $$
BEGIN PERFORM pg_sleep(0.05); RETURN (SELECT sum(stock) FROM products); END $$;

-- A slow tail: one product in ten (id % 10 = 0) takes 30ms, the rest are fast, so p50 holds
-- and p95 (over ids 1..40, four slow) is missed.
CREATE FUNCTION lookup(p int) RETURNS int LANGUAGE plpgsql STABLE AS $$
BEGIN IF p % 10 = 0 THEN PERFORM pg_sleep(0.03); END IF; RETURN (SELECT stock FROM products WHERE id = p); END $$;

-- Fails on some runs: one product in ten (id % 10 = 7) raises.
CREATE FUNCTION checked_stock(p int) RETURNS int LANGUAGE plpgsql STABLE AS $$
BEGIN IF p % 10 = 7 THEN RAISE EXCEPTION 'product % is locked', p; END IF; RETURN (SELECT stock FROM products WHERE id = p); END $$;

-- Slower than the check's timeout: 2 s against timeout: 500ms.
CREATE FUNCTION nightly_rollup() RETURNS bigint LANGUAGE plpgsql STABLE AS $$
BEGIN PERFORM pg_sleep(2); RETURN (SELECT sum(stock) FROM products); END $$;
