-- What a failed CREATE UNIQUE INDEX CONCURRENTLY leaves behind: an index marked invalid and
-- not ready (indisvalid = indisready = false), over a column that holds duplicates. It
-- enforces nothing and no plan uses it. (Built here without CONCURRENTLY on the empty table,
-- then marked as the failed build leaves it.)
CREATE TABLE accounts (id int PRIMARY KEY, email text);
CREATE UNIQUE INDEX accounts_email_key ON accounts (email);
UPDATE pg_index SET indisvalid = false, indisready = false WHERE indexrelid = 'accounts_email_key'::regclass;
INSERT INTO accounts VALUES (1, 'a@example.com'), (2, 'a@example.com');
