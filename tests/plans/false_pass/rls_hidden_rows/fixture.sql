-- Rows a checking role cannot see: RLS shows each login only its own contacts, and every
-- contact belongs to someone else. Connected as fp_hidden_reader, a data check reads 0 rows.
CREATE ROLE fp_hidden_reader LOGIN;
CREATE TABLE contacts (id int PRIMARY KEY, owner text, email text, created_at timestamptz);
INSERT INTO contacts VALUES
  (1, 'other', NULL, now() - interval '10 years'),
  (2, 'other', 'not-an-email', now()),
  (3, 'other', 'not-an-email', now());
ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY mine ON contacts USING (owner = current_user);
GRANT SELECT ON contacts TO fp_hidden_reader;
ANALYZE contacts;
