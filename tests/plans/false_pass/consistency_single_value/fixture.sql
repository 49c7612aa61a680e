-- One value each side (no key): a daily stored total against the sum of that day's entries.
-- In keyed mode a missing value counts as 0 (docs/plan-reference.md, `consistency`); one value
-- each side must not be more lenient: a NULL, or no row at all, is not agreement.
CREATE TABLE ledger_totals (day date PRIMARY KEY, total numeric);
CREATE TABLE ledger (id int PRIMARY KEY, day date NOT NULL, amount numeric NOT NULL);
-- 2024-01-01: a stored total of 100, but the day's entries were lost (sum() of no rows is NULL).
INSERT INTO ledger_totals VALUES ('2024-01-01', 100);
-- 2024-01-02: entries of 40, but the stored total was never filled in (NULL).
INSERT INTO ledger_totals VALUES ('2024-01-02', NULL);
INSERT INTO ledger VALUES (1, '2024-01-02', 15), (2, '2024-01-02', 25);
-- 2024-01-03: entries of 5, and no stored total row at all (the nightly job did not run).
INSERT INTO ledger VALUES (3, '2024-01-03', 5);
