-- index_health fixtures outside public, with quoted mixed-case names, and on a partitioned
-- table: what a schema-qualified or case-sensitive lookup could miss.
CREATE SCHEMA "Billing";

-- A duplicate: a plain index on "Email" beside the unique one; a redundant prefix: ("Region")
-- leads ("Region", created_at).
CREATE TABLE "Billing"."Customers" (id int PRIMARY KEY, "Email" text NOT NULL, "Region" text NOT NULL, created_at date NOT NULL);
INSERT INTO "Billing"."Customers"
SELECT g, 'c' || g || '@example.com', (array['eu', 'us'])[1 + g % 2], date '2026-01-01' + g FROM generate_series(1, 100) g;
CREATE UNIQUE INDEX "Customers_Email_key" ON "Billing"."Customers" ("Email");
CREATE INDEX "customers_email_IDX" ON "Billing"."Customers" ("Email");
CREATE INDEX "Customers_Region_idx" ON "Billing"."Customers" ("Region");
CREATE INDEX "Customers_Region_Created_idx" ON "Billing"."Customers" ("Region", created_at);

-- A partitioned table whose foreign key has an index on one partition only: the parent's
-- index (created ON ONLY) stays invalid, and the 2027 partition has none.
CREATE TABLE "Billing"."Invoices" (
    id          int NOT NULL,
    customer_id int NOT NULL REFERENCES "Billing"."Customers",
    issued_on   date NOT NULL,
    PRIMARY KEY (id, issued_on)
) PARTITION BY RANGE (issued_on);
CREATE TABLE "Billing"."Invoices_2026" PARTITION OF "Billing"."Invoices" FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE "Billing"."Invoices_2027" PARTITION OF "Billing"."Invoices" FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
CREATE INDEX "Invoices_customer_idx" ON ONLY "Billing"."Invoices" (customer_id);
CREATE INDEX "Invoices_2026_customer_idx" ON "Billing"."Invoices_2026" (customer_id);
ALTER INDEX "Billing"."Invoices_customer_idx" ATTACH PARTITION "Billing"."Invoices_2026_customer_idx";

-- A foreign key whose column is only an INCLUDE column of an index: no index leads with it.
CREATE TABLE "Billing".notes (id int PRIMARY KEY, customer_id int REFERENCES "Billing"."Customers", body text);
CREATE INDEX notes_id_customer_idx ON "Billing".notes (id) INCLUDE (customer_id);
