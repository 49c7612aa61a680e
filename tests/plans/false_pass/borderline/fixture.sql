-- The borderline cases of issue 27, one table or role each; docs/plan-reference.md says how each is decided.
CREATE TABLE orders (id int PRIMARY KEY, customer int, amount numeric, code text);
INSERT INTO orders SELECT g, g % 500, 1.0, g::text FROM generate_series(1, 2000) g;
-- A partial index covering a handful of the rows.
CREATE INDEX orders_customer_few ON orders (customer) WHERE customer < 2;
ANALYZE orders;
-- One row dated far in the future; the rest three years old.
CREATE TABLE readings (id int PRIMARY KEY, taken_at timestamptz);
INSERT INTO readings VALUES (1, now() - interval '3 years'), (2, '2099-01-01 00:00+00');
-- A NOINHERIT member of a role that may write: it can SET ROLE and write.
CREATE ROLE fp_bl_writer;
CREATE ROLE fp_bl_member NOINHERIT IN ROLE fp_bl_writer;
GRANT INSERT ON orders TO fp_bl_writer;
