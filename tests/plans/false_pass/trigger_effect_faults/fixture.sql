-- trigger_effect fixtures: four effects a trigger is meant to produce, each broken the way a
-- real schema breaks them. The plan's suites name them.
CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE balances (account_id int PRIMARY KEY REFERENCES accounts, total_cents bigint NOT NULL DEFAULT 0);
INSERT INTO accounts VALUES (1, 'ada'), (2, 'grace'), (3, 'edsger');
INSERT INTO balances VALUES (1, 0), (2, 0), (3, 0);

-- 1. Never appears: the trigger that keeps balances is left disabled (after a bulk load, say).
CREATE TABLE payments (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts, amount_cents int NOT NULL);
CREATE FUNCTION apply_payment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE balances SET total_cents = total_cents + NEW.amount_cents WHERE account_id = NEW.account_id;
  RETURN NEW;
END $$;
CREATE TRIGGER payments_apply AFTER INSERT ON payments FOR EACH ROW EXECUTE FUNCTION apply_payment();
ALTER TABLE payments DISABLE TRIGGER payments_apply;

-- 2. Appears on the wrong row: the refund trigger keys the balance by the refund's own id
-- (NEW.id) instead of its account (NEW.account_id). Refund 2 of account 1 credits account 2.
CREATE TABLE refunds (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts, amount_cents int NOT NULL);
CREATE FUNCTION apply_refund() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE balances SET total_cents = total_cents - NEW.amount_cents WHERE account_id = NEW.id;
  RETURN NEW;
END $$;
CREATE TRIGGER refunds_apply AFTER INSERT ON refunds FOR EACH ROW EXECUTE FUNCTION apply_refund();

-- 3. Appears too late: the order trigger queues its notification with a 2 s debounce, so a
-- worker (which picks up rows whose not_before has passed) sees it only 2 s after the order.
CREATE TABLE orders (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts, shipped_at timestamptz);
CREATE TABLE notifications (order_id int NOT NULL REFERENCES orders, not_before timestamptz NOT NULL);
CREATE FUNCTION notify_debounce() RETURNS interval LANGUAGE sql IMMUTABLE AS $$ SELECT interval '2 seconds' $$;
CREATE FUNCTION queue_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notifications VALUES (NEW.id, clock_timestamp() + notify_debounce());
  RETURN NEW;
END $$;
CREATE TRIGGER orders_notify AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION queue_notification();
CREATE VIEW due_notifications AS SELECT * FROM notifications WHERE not_before <= clock_timestamp();

-- 4. Appears too late, synchronously: the shipment trigger waits 1 s (a slow lookup, here
-- pg_sleep) before it stamps the order; the INSERT returns only once it has.
CREATE TABLE shipments (id int PRIMARY KEY, order_id int NOT NULL REFERENCES orders);
CREATE FUNCTION stamp_shipped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_sleep(1);
  UPDATE orders SET shipped_at = clock_timestamp() WHERE id = NEW.order_id;
  RETURN NEW;
END $$;
CREATE TRIGGER shipments_stamp AFTER INSERT ON shipments FOR EACH ROW EXECUTE FUNCTION stamp_shipped();
INSERT INTO orders VALUES (1, 1, NULL);
DELETE FROM notifications;
