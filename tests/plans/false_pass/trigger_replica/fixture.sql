-- A trigger that never fires in an ordinary session: ENABLE REPLICA (tgenabled = 'R').
CREATE TABLE orders (id int PRIMARY KEY, updated_at timestamptz);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE orders ENABLE REPLICA TRIGGER orders_touch;
CREATE TRIGGER orders_always BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE orders ENABLE ALWAYS TRIGGER orders_always;
