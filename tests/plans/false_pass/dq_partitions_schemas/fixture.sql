-- not_null, duplicates, retention and row_count on partitions, inheritance children, schemas
-- other than public and quoted mixed-case names; each fault counted in plan.yaml's comments.

-- not_null: crm."Contacts", partitioned by country. NULL "Email"s in the 'de' partition and in
-- the default one: 2 of 8. Three empty strings are values, not missing (not_null counts NULLs).
CREATE SCHEMA crm;
CREATE TABLE crm."Contacts" ("Id" int, "Country" text, "Email" text) PARTITION BY LIST ("Country");
CREATE TABLE crm.contacts_de PARTITION OF crm."Contacts" FOR VALUES IN ('de');
CREATE TABLE crm.contacts_fr PARTITION OF crm."Contacts" FOR VALUES IN ('fr');
CREATE TABLE crm.contacts_other PARTITION OF crm."Contacts" DEFAULT;
INSERT INTO crm."Contacts" VALUES
  (1, 'de', 'a@example.com'), (2, 'de', NULL), (3, 'de', ''),
  (4, 'fr', 'b@example.com'), (5, 'fr', ''),
  (6, 'it', NULL), (7, 'it', ''), (8, 'es', 'c@example.com');

-- duplicates: a UNIQUE constraint on an inheritance parent does not cover its children.
-- (1, 'ann@example.com') is in members and in members_2019: 2 duplicated rows of 7.
-- (NULL, 'bob@example.com') twice has a NULL in its key, and 'ANN@example.com' is another value.
CREATE TABLE members (org_id int, email text, UNIQUE (org_id, email));
CREATE TABLE members_2019 () INHERITS (members);
INSERT INTO members VALUES (1, 'ann@example.com'), (1, 'ANN@example.com'), (2, 'ann@example.com'), (NULL, 'bob@example.com');
INSERT INTO members_2019 VALUES (1, 'ann@example.com'), (NULL, 'bob@example.com'), (3, 'cy@example.com');

-- retention (730 days): events partitioned by year, the 2019 partition never dropped (2 rows),
-- and a '-infinity' date in the default partition: 3 of 7. A NULL date is not counted.
CREATE SCHEMA audit;
CREATE TABLE audit.events (id int, occurred_on date) PARTITION BY RANGE (occurred_on);
CREATE TABLE audit.events_2019 PARTITION OF audit.events FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');
CREATE TABLE audit.events_recent PARTITION OF audit.events FOR VALUES FROM ('2020-01-01') TO (MAXVALUE);
CREATE TABLE audit.events_other PARTITION OF audit.events DEFAULT;
INSERT INTO audit.events VALUES
  (1, '2019-03-01'), (2, '2019-12-31'), (3, '-infinity'), (4, NULL),
  (5, current_date - 30), (6, current_date - 400), (7, current_date - 700);

-- row_count: staging.imports is empty, although public.imports (same name, on the search path)
-- has rows; and no event in the last 7 days although audit.events has 7.
CREATE SCHEMA staging;
CREATE TABLE staging.imports (id int PRIMARY KEY);
CREATE TABLE imports (id int PRIMARY KEY);
INSERT INTO imports SELECT generate_series(1, 5);
