-- The test clock (NODE_ENV=test only): how far workflow time stands ahead of the wall clock. One row,
-- shared by every server process on this database, so that moving the clock on one node moves it on all.
CREATE TABLE IF NOT EXISTS "test_clock" (
	"id" smallint PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
	"offset_ms" bigint NOT NULL DEFAULT 0,
	"updated_at" timestamptz NOT NULL DEFAULT now()
);
