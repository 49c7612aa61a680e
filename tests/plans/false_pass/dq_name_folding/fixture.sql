-- Two tables whose names differ only in case: orders, made by the migrations (unquoted, so
-- lower case), holds the faults; "Orders", a clean copy an ORM once made with a quoted name,
-- does not, and has no placed_at. A plan naming `Orders` means orders, as SQL, the schema
-- kinds and explain read it (docs/plan-reference.md: "unquoted names fold to lower case as in
-- SQL, "Name" keeps its case").
CREATE TABLE orders (id int, status text, email text, placed_at timestamptz);
INSERT INTO orders VALUES (1, 'paid', 'x@example.com', now()), (2, NULL, 'x@example.com', now()), (3, 'paid', 'y@example.com', now());
CREATE TABLE "Orders" (id int, status text, email text);
INSERT INTO "Orders" VALUES (1, 'paid', 'x@example.com');
