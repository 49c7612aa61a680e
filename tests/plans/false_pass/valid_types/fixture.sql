-- Text columns that must hold dates and integers: the right shape, not the right value.
CREATE TABLE imports (id int PRIMARY KEY, born text, amount text);
INSERT INTO imports VALUES
  (1, '2024-02-29', '42'),
  (2, '2024-02-31', '-9223372036854775808'),
  (3, '2024-13-45', '99999999999999999999'),
  (4, '2023-02-29', '9223372036854775808'),
  (5, '0000-01-01', ' 7 '),
  (6, NULL, NULL);
