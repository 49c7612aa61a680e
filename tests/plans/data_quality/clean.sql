-- Repairs every fault fixture.sql planted.
UPDATE orders SET account_id = 1 + id % 10 WHERE account_id = 99 OR account_id IS NULL;
UPDATE orders SET region = CASE WHEN (1 + id % 10) % 2 = 0 THEN 'eu' ELSE 'us' END, code = 1 + id % 10;
UPDATE orders SET status = 'paid' WHERE status IS NULL OR status = 'lost';
UPDATE orders SET amount = 1.00 WHERE amount NOT BETWEEN 0.10 AND 5.00;
UPDATE orders SET shipped_at = placed_at + interval '1 hour' WHERE shipped_at < placed_at;
UPDATE orders SET placed_at = now() - interval '3 hours' WHERE placed_at < now() - interval '300 days';
UPDATE accounts SET email = 'user' || id || '@example.com';
UPDATE accounts a SET order_total = (SELECT coalesce(sum(amount), 0) FROM orders o WHERE o.account_id = a.id);
