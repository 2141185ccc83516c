-- A form's schema and uiSchema are kept as written (json, not jsonb): jsonb orders an object's keys
-- by their length, so the fields of a block inserted without `ui:order` (its `$defs` and its
-- properties) came back in another order than the builder wrote them in, and the form showed them
-- so. Nothing queries inside these columns; they are read and written whole.
ALTER TABLE "forms" ALTER COLUMN "schema" TYPE json USING "schema"::json;
--> statement-breakpoint
ALTER TABLE "forms" ALTER COLUMN "ui_schema" TYPE json USING "ui_schema"::json;
