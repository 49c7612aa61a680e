-- Stored aggregates that disagree with their parts, each counted in plan.yaml's comments.
CREATE SCHEMA shop;
-- 1. Stored order totals (within 1%): account 2 is off by 10 of 110, account 3 by 0.5 of 100
--    (within); 2 orders with no account sum to 7 under a NULL key no account has, which must
--    not vanish: 2 of 5 groups (accounts 1-4 and the NULL key) disagree.
CREATE TABLE shop.accounts (id int PRIMARY KEY, order_total numeric);
CREATE TABLE shop.orders (id int PRIMARY KEY, account_id int, amount numeric NOT NULL);
INSERT INTO shop.orders VALUES (1, 1, 50), (2, 1, 50), (3, 2, 100), (4, 3, 100), (5, 4, 20), (6, NULL, 3), (7, NULL, 4);
INSERT INTO shop.accounts VALUES (1, 100), (2, 110), (3, 100.5), (4, 20);

-- 2. A report table that upper-cases the region: 'EU' and 'eu' are different keys, so each
--    total is compared with nothing (0): 4 of 4 groups.
CREATE TABLE shop.region_totals (region text PRIMARY KEY, total numeric);
ALTER TABLE shop.orders ADD COLUMN region text;
UPDATE shop.orders SET region = CASE WHEN id % 2 = 0 THEN 'eu' ELSE 'us' END;
INSERT INTO shop.region_totals SELECT upper(region), sum(amount) FROM shop.orders GROUP BY region;

-- 3. Seats under each tenant's limit (compare <=), quoted mixed-case names outside public:
--    tenant 2 uses 3 of 2 seats, and tenant 9, absent from the tenants, uses 1 of 0: 2 of 3.
CREATE SCHEMA app;
CREATE TABLE app."Tenants" ("Id" int PRIMARY KEY, "SeatLimit" int NOT NULL);
CREATE TABLE app.seats (id int PRIMARY KEY, "TenantId" int);
INSERT INTO app."Tenants" VALUES (1, 5), (2, 2);
INSERT INTO app.seats VALUES (1, 1), (2, 1), (3, 2), (4, 2), (5, 2), (6, 9);
