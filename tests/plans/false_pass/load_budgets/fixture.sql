-- load fixtures: a shop's stock lookups, slow (pg_sleep stands for a slow plan or a lock
-- wait), failing on some products, or failing on every call.
CREATE TABLE products (id int PRIMARY KEY, stock int NOT NULL);
INSERT INTO products SELECT g, g FROM generate_series(1, 100) g;

-- 50ms a call: one client manages about 20 tps, and p95 is about 50ms.
CREATE FUNCTION slow_lookup(p int) RETURNS int LANGUAGE plpgsql STABLE AS $$
BEGIN PERFORM pg_sleep(0.05); RETURN (SELECT stock FROM products WHERE id = p); END $$;

-- Raises for one product in ten (id % 10 = 7).
CREATE FUNCTION checked_stock(p int) RETURNS int LANGUAGE plpgsql STABLE AS $$
BEGIN IF p % 10 = 7 THEN RAISE EXCEPTION 'product % is locked', p; END IF; RETURN (SELECT stock FROM products WHERE id = p); END $$;

-- Raises on every call: the lookup a migration broke.
CREATE FUNCTION reserved_stock(p int) RETURNS int LANGUAGE plpgsql STABLE AS $$
BEGIN RAISE EXCEPTION 'relation "reservations" does not exist'; END $$;
