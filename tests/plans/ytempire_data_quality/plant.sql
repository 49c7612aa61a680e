-- One violation per rule. The schema's constraints forbid these, so take them away first:
-- the rules must still see.
ALTER TABLE videos DROP CONSTRAINT videos_generation_cost_range;
ALTER TABLE videos DROP CONSTRAINT videos_published_requires_youtube_id;
ALTER TABLE videos DROP CONSTRAINT videos_published_after_created;
ALTER TABLE channels DISABLE TRIGGER ALL;
ALTER TABLE videos DISABLE TRIGGER ALL;

UPDATE users SET subscription_tier = 'free' WHERE username = 'bob_creator';  -- 3 active channels on free
UPDATE videos SET generation_cost = 7.50 WHERE id = (SELECT id FROM videos ORDER BY id LIMIT 1);
UPDATE videos SET view_count = view_count + 1000 WHERE id = (SELECT id FROM videos ORDER BY id DESC LIMIT 1);
INSERT INTO channels (id, user_id, youtube_channel_id, channel_name, niche, status, monetization_status) VALUES
  ('cc000000-0000-4000-8000-0000000000ff', 'aa000000-0000-4000-8000-0000000000ff', 'UCghost', 'ghost', 'x',
   'paused', 'pending');
INSERT INTO videos (channel_id, title, generation_cost) VALUES ('cc000000-0000-4000-8000-0000000000fe', 'lost', 1);
UPDATE videos SET youtube_video_id = NULL, published_at = created_at - interval '1 day'
WHERE id = (SELECT id FROM videos WHERE status = 'published' ORDER BY id LIMIT 1);
