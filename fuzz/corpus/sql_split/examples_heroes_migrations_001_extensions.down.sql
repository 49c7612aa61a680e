-- Undo 001_extensions. RESTRICT (the default): fails loudly if anything
-- outside these migrations still depends on the extensions.
DROP EXTENSION IF EXISTS "uuid-ossp";
DROP EXTENSION IF EXISTS pgcrypto;
