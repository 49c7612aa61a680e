-- The lookups fast and never failing.
CREATE OR REPLACE FUNCTION slow_lookup(p int) RETURNS int LANGUAGE plpgsql STABLE AS $$
BEGIN RETURN (SELECT stock FROM products WHERE id = p); END $$;
CREATE OR REPLACE FUNCTION checked_stock(p int) RETURNS int LANGUAGE plpgsql STABLE AS $$
BEGIN RETURN (SELECT stock FROM products WHERE id = p); END $$;
CREATE OR REPLACE FUNCTION reserved_stock(p int) RETURNS int LANGUAGE plpgsql STABLE AS $$
BEGIN RETURN 0; END $$;
