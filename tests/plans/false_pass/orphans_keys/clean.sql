-- Repairs every orphan fixture.sql planted.
UPDATE invoices SET account_id = 1 WHERE account_id > 6;
UPDATE invoices_2019 SET account_id = 2;
ALTER TABLE invoices VALIDATE CONSTRAINT invoices_account_fk;
UPDATE shipments SET code = 4 WHERE id = 3;
UPDATE shipments SET code = 5 WHERE id = 4;
UPDATE billing."Payments" SET region = 'eu' WHERE region IN ('EU', 'eu ');
UPDATE billing."Payments" SET account_id = 3, region = 'us' WHERE account_id = 99;
