-- A shop with planted data-quality faults; each fault is counted in plan.yaml's comments.
-- No foreign keys on purpose: the rules must find what constraints did not prevent.
CREATE TABLE accounts (
  id int PRIMARY KEY, region text, code int, email text, created_at timestamptz NOT NULL, order_total numeric
);
CREATE TABLE orders (
  id int PRIMARY KEY, account_id int, region text, code int, status text, amount numeric,
  placed_at timestamptz, shipped_at timestamptz
);
INSERT INTO accounts
SELECT g, CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END, g, 'user' || g || '@example.com', now() - interval '400 days', NULL
FROM generate_series(1, 10) g;
-- duplicates: 'dup@example.com' on 3 accounts and 'two@example.com' on 2 (5 rows, 2 keys); two NULLs are not duplicates
UPDATE accounts SET email = 'dup@example.com' WHERE id IN (1, 2, 3);
UPDATE accounts SET email = 'two@example.com' WHERE id IN (4, 5);
UPDATE accounts SET email = NULL WHERE id IN (6, 7);

INSERT INTO orders
SELECT g, 1 + g % 10, CASE WHEN (1 + g % 10) % 2 = 0 THEN 'eu' ELSE 'us' END, 1 + g % 10, 'paid', 1.00,
       now() - interval '3 days' - g * interval '1 hour', now() - interval '2 days'
FROM generate_series(1, 40) g;
-- orphans: 3 orders of accounts that do not exist; one with no account at all (not an orphan)
UPDATE orders SET account_id = 99 WHERE id IN (1, 2, 3);
UPDATE orders SET account_id = NULL WHERE id = 4;
-- composite orphans: (region, code) pairs no account has: 2 rows
UPDATE orders SET region = 'mars' WHERE id IN (5, 6);
-- not_null: status missing on 4 orders, 1 of them paid-amount 2.00
UPDATE orders SET status = NULL WHERE id IN (7, 8, 9, 10);
UPDATE orders SET amount = 2.00 WHERE id = 10;
-- valid: amounts outside 0.10-5.00 on 2 orders; 1 unknown status
UPDATE orders SET amount = 0.05 WHERE id = 11;
UPDATE orders SET amount = 12.00 WHERE id = 12;
UPDATE orders SET status = 'lost' WHERE id = 13;
-- valid emails: 1 malformed
UPDATE accounts SET email = 'not-an-email' WHERE id = 8;
-- temporal: shipped before placed on 2 orders; 1 order placed before its account existed (17 and 18 below too)
UPDATE orders SET shipped_at = placed_at - interval '1 hour' WHERE id IN (14, 15);
UPDATE orders SET placed_at = now() - interval '500 days', shipped_at = NULL WHERE id = 16;
-- retention (730 days): 2 ancient orders
UPDATE orders SET placed_at = now() - interval '800 days', shipped_at = NULL WHERE id IN (17, 18);
-- consistency: stored totals; accounts 2 and 3 disagree with their orders (by 10 and by 0.5)
UPDATE accounts a SET order_total = (SELECT coalesce(sum(amount), 0) FROM orders o WHERE o.account_id = a.id);
UPDATE accounts SET order_total = order_total + 10 WHERE id = 2;
UPDATE accounts SET order_total = order_total + 0.5 WHERE id = 3;
