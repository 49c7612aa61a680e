-- Repairs every fault fixture.sql planted.
UPDATE events SET created_at = now() - interval '5 hours' WHERE created_at > now();
UPDATE shipments SET shipped_local = shipped_local + interval '1 day' WHERE shipped_local AT TIME ZONE 'Asia/Tokyo' < placed_at;
UPDATE ops.tasks t SET started_at = p."CreatedAt" FROM ops."Projects" p WHERE p."Id" = t.project_id AND t.started_at < p."CreatedAt";
