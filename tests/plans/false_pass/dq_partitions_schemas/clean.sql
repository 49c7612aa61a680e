-- Repairs every fault fixture.sql planted.
UPDATE crm."Contacts" SET "Email" = '' WHERE "Email" IS NULL;
DELETE FROM members_2019 WHERE org_id = 1;
DROP TABLE audit.events_2019;
DELETE FROM audit.events WHERE occurred_on = '-infinity';
INSERT INTO audit.events VALUES (8, current_date);
INSERT INTO staging.imports VALUES (1);
