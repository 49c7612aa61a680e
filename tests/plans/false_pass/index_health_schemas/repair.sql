-- The duplicate and the prefix dropped; every foreign key led by an index.
DROP INDEX "Billing"."customers_email_IDX", "Billing"."Customers_Region_idx";
CREATE INDEX "Invoices_2027_customer_idx" ON "Billing"."Invoices_2027" (customer_id);
ALTER INDEX "Billing"."Invoices_customer_idx" ATTACH PARTITION "Billing"."Invoices_2027_customer_idx";
DROP INDEX "Billing".notes_id_customer_idx;
CREATE INDEX notes_customer_idx ON "Billing".notes (customer_id);
