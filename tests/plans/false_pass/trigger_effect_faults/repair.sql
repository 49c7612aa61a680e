-- The four triggers repaired: enabled, keyed by the account, no debounce, no wait.
ALTER TABLE payments ENABLE TRIGGER payments_apply;
CREATE OR REPLACE FUNCTION apply_refund() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE balances SET total_cents = total_cents - NEW.amount_cents WHERE account_id = NEW.account_id;
  RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION notify_debounce() RETURNS interval LANGUAGE sql IMMUTABLE AS $$ SELECT interval '0' $$;
CREATE OR REPLACE FUNCTION stamp_shipped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE orders SET shipped_at = clock_timestamp() WHERE id = NEW.order_id;
  RETURN NEW;
END $$;
