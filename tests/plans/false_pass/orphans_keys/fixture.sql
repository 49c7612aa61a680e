-- Orphans a real database can hold, each counted exactly in plan.yaml's comments.
-- The parent lives outside public, under quoted mixed-case names (as an ORM writes them).
CREATE SCHEMA crm;
CREATE TABLE crm."Accounts" ("Id" int PRIMARY KEY, region text NOT NULL, code int NOT NULL, UNIQUE (region, code));
INSERT INTO crm."Accounts" SELECT g, CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END, g FROM generate_series(1, 6) g;

-- 1. A foreign key added NOT VALID does not check the rows already there: 2 orphans (77, 78)
--    predate it; a NULL account is no orphan (MATCH SIMPLE).
CREATE TABLE invoices (id int PRIMARY KEY, account_id int);
INSERT INTO invoices SELECT g, 1 + g % 6 FROM generate_series(1, 10) g;
INSERT INTO invoices VALUES (11, 77), (12, 78), (13, NULL);
ALTER TABLE invoices ADD CONSTRAINT invoices_account_fk FOREIGN KEY (account_id) REFERENCES crm."Accounts" ("Id") NOT VALID;
--    An inheritance child inherits no foreign key: its account 79 is the third orphan (3 of 14).
CREATE TABLE invoices_2019 () INHERITS (invoices);
INSERT INTO invoices_2019 VALUES (14, 79);

-- 2. A composite key whose parts each exist in the parent but not together: ('eu', 1) and
--    ('us', 2) (eu has even codes, us odd): 2 orphans; ('eu', NULL) and (NULL, 3) have a NULL
--    part and are no orphans (MATCH SIMPLE), ('eu', 2) and ('us', 3) are children.
CREATE TABLE shipments (id int PRIMARY KEY, region text, code int);
INSERT INTO shipments VALUES (1, 'eu', 2), (2, 'us', 3), (3, 'eu', 1), (4, 'us', 2), (5, 'eu', NULL), (6, NULL, 3);

-- 3. A partitioned child in a schema of its own, rows in a range partition and the default
--    one: orphans in partitions are the table's orphans. A trailing space and a different case
--    are different keys: 'EU' and 'eu ' are orphans, as is account 99 in the default partition:
--    3 of 6; account NULL is no orphan.
CREATE SCHEMA billing;
CREATE TABLE billing."Payments" (id int, paid_on date, account_id int, region text) PARTITION BY RANGE (paid_on);
CREATE TABLE billing.payments_2024 PARTITION OF billing."Payments" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE billing.payments_other PARTITION OF billing."Payments" DEFAULT;
INSERT INTO billing."Payments" VALUES
  (1, '2024-03-01', 2, 'eu'), (2, '2024-04-01', 4, 'EU'), (3, '2024-05-01', 6, 'eu '),
  (4, '2023-01-01', 99, 'eu'), (5, '2023-02-01', 1, 'us'), (6, '2023-03-01', NULL, 'us');
