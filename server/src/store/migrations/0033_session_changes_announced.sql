-- Whatever can end or alter a live session (a session ended or extended; its user disabled, moved,
-- renamed or given other roles; the user's unit renamed) is announced at commit on the channel
-- jz_session_changes, whoever writes it: each node then forgets the sessions it holds in memory.
CREATE OR REPLACE FUNCTION jz_announce_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('jz_session_changes', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS sessions_announce_change ON sessions;
--> statement-breakpoint
CREATE TRIGGER sessions_announce_change AFTER UPDATE OR DELETE OR TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION jz_announce_session_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS users_announce_change ON users;
--> statement-breakpoint
CREATE TRIGGER users_announce_change AFTER UPDATE OR DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION jz_announce_session_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS org_units_announce_change ON org_units;
--> statement-breakpoint
CREATE TRIGGER org_units_announce_change AFTER UPDATE OR DELETE OR TRUNCATE ON org_units FOR EACH STATEMENT EXECUTE FUNCTION jz_announce_session_change();
