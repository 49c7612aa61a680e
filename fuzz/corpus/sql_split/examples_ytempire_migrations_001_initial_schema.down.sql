-- Undo 001_initial_schema (dependents first; indexes go with their tables).
DROP TABLE IF EXISTS workflows;
DROP TABLE IF EXISTS api_keys;
DROP TABLE IF EXISTS analytics;
DROP TABLE IF EXISTS videos;
DROP TABLE IF EXISTS channels;
DROP TABLE IF EXISTS users;
