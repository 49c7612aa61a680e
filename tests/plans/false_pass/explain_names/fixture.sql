-- Sequential scans the plan must not have, named as a user would name the table.
CREATE TABLE big (id int PRIMARY KEY, v int);
INSERT INTO big SELECT g, g % 7 FROM generate_series(1, 2000) g;
CREATE TABLE measurements (id int, at date, v int) PARTITION BY RANGE (at);
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
INSERT INTO measurements SELECT g, date '2024-01-01' + g % 700, g FROM generate_series(1, 2000) g;
ANALYZE big, measurements;
