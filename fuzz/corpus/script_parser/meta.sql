\set x CASE WHEN random(1, 10) > 5 THEN abs(-3) ELSE 2 * (1 + 2) END
\if :x = 6
\setshell y echo 1
\elif :x IS NULL
\sleep 10 ms
\else
\set z hash_fnv1a(:x, 42) % 7
\endif
\startpipeline
SELECT :x, :'x';
\endpipeline
SELECT 1 \gset p_
