-- Repairs every fault fixture.sql planted.
UPDATE shop.orders SET account_id = 4 WHERE account_id IS NULL;
UPDATE shop.accounts a SET order_total = (SELECT sum(amount) FROM shop.orders o WHERE o.account_id = a.id);
UPDATE shop.region_totals SET region = lower(region);
UPDATE app."Tenants" SET "SeatLimit" = 3 WHERE "Id" = 2;
INSERT INTO app."Tenants" VALUES (9, 1);
