-- Orders belong to an account and disappear with it.
CREATE TABLE orders (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  placed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_orders_account ON orders (account_id);

CREATE ROLE quickstart_reader NOLOGIN;
GRANT SELECT ON accounts, orders TO quickstart_reader;
