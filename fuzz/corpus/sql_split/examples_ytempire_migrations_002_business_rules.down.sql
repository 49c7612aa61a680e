-- Undo 002_business_rules.
DROP FUNCTION IF EXISTS validate_user_channel_limit(UUID);
DROP FUNCTION IF EXISTS channel_limit_for_tier(TEXT);
DROP TRIGGER IF EXISTS trigger_workflows_updated_at ON workflows;
DROP TRIGGER IF EXISTS trigger_users_updated_at ON users;
DROP FUNCTION IF EXISTS set_updated_at();
