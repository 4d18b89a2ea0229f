-- Announces every statement that changes the data API's tables on the channel keyward_data,
-- for the embedded database's in-process page cache (lib/dal/data-cache.ts). Only a session
-- that opted in pays for it: the embedded database sets keyward.notify_data_changes = 'on' when
-- it opens; on a PostgreSQL server no session does, the triggers' WHEN is false, and nothing is sent.
CREATE FUNCTION keyward_notify_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('keyward_data', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

-- Statement-level: one notification per statement however many rows it touches. Deletes that
-- cascade from a project, environment or table run as statements of their own and fire too.
CREATE TRIGGER "DataRow_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "DataRow"
  FOR EACH STATEMENT WHEN (current_setting('keyward.notify_data_changes', true) = 'on')
  EXECUTE FUNCTION keyward_notify_data_change();
CREATE TRIGGER "DataTable_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "DataTable"
  FOR EACH STATEMENT WHEN (current_setting('keyward.notify_data_changes', true) = 'on')
  EXECUTE FUNCTION keyward_notify_data_change();
