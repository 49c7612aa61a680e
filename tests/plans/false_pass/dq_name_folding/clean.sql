-- Repairs the faults in orders.
UPDATE orders SET status = 'paid' WHERE status IS NULL;
UPDATE orders SET email = 'z@example.com' WHERE id = 2;
