-- 002_business_rules: updated_at maintenance and the seed 004 section 4.1
-- business-rule helpers that are not table constraints.

CREATE FUNCTION set_updated_at()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER trigger_users_updated_at
    BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER trigger_workflows_updated_at
    BEFORE UPDATE ON workflows
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Active-channel allowance per subscription tier (seed 004 line 361):
-- free 1, starter 5, professional 20, enterprise 100; unknown tiers 1.
CREATE FUNCTION channel_limit_for_tier(p_tier TEXT)
RETURNS INTEGER
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE p_tier
               WHEN 'free'         THEN 1
               WHEN 'starter'      THEN 5
               WHEN 'professional' THEN 20
               WHEN 'enterprise'   THEN 100
               ELSE 1
           END
$$;

-- Seed 004 validate_user_channel_limit: true when the user may add another
-- active channel (active channel count < tier allowance).  Advisory, not
-- enforced by a trigger (DECISIONS.md, Y-05).  NULL for an unknown user.
CREATE FUNCTION validate_user_channel_limit(p_user_id UUID)
RETURNS BOOLEAN
LANGUAGE sql
STABLE
AS $$
    SELECT (SELECT count(*) FROM channels c WHERE c.user_id = u.id AND c.status = 'active')
           < channel_limit_for_tier(u.subscription_tier)
    FROM users u
    WHERE u.id = p_user_id
$$;
