-- SELECT on hidden.t and EXECUTE on hidden.f() are granted, USAGE on schema hidden is not:
-- the role can do neither.
CREATE ROLE fp_usage_app;
CREATE SCHEMA hidden;
CREATE TABLE hidden.t (id int PRIMARY KEY);
CREATE FUNCTION hidden.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
GRANT SELECT ON hidden.t TO fp_usage_app;
GRANT EXECUTE ON FUNCTION hidden.f() TO fp_usage_app;
-- public.g() keeps PUBLIC's default EXECUTE: every role may run it.
CREATE FUNCTION public.g() RETURNS int LANGUAGE sql AS 'SELECT 2';
