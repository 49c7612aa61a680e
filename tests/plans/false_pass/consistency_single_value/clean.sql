-- Repairs every fault fixture.sql planted.
INSERT INTO ledger VALUES (4, '2024-01-01', 100);
UPDATE ledger_totals SET total = 40 WHERE day = '2024-01-02';
INSERT INTO ledger_totals VALUES ('2024-01-03', 5);
