-- A NOTIFY on channel `users_list` (payload: the organization's id) from every write that
-- can change a row of an organization's GET /users/ (a user, a role assignment, a role's
-- name or deletion, an organization), whichever process made it: a server instance, a CLI
-- command, an import, or plain SQL. Servers drop that organization's cached list pages
-- when it arrives (src/modules/users/user-pages.ts). PostgreSQL delivers it only after
-- the transaction commits, in commit order, and once per transaction per payload.
CREATE OR REPLACE FUNCTION commercecore_notify_users_list() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    PERFORM pg_notify('users_list', '*');
  ELSE
    IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('users_list', OLD.organization_id::text); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('users_list', NEW.organization_id::text); END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION commercecore_notify_users_list_organization() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('users_list', OLD.id::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_list_users AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION commercecore_notify_users_list();
--> statement-breakpoint
CREATE TRIGGER users_list_user_roles AFTER INSERT OR UPDATE OR DELETE ON user_roles FOR EACH ROW EXECUTE FUNCTION commercecore_notify_users_list();
--> statement-breakpoint
CREATE TRIGGER users_list_roles AFTER UPDATE OR DELETE ON roles FOR EACH ROW EXECUTE FUNCTION commercecore_notify_users_list();
--> statement-breakpoint
CREATE TRIGGER users_list_organizations AFTER UPDATE OR DELETE ON organizations FOR EACH ROW EXECUTE FUNCTION commercecore_notify_users_list_organization();
--> statement-breakpoint
CREATE TRIGGER users_list_users_truncated AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION commercecore_notify_users_list();
--> statement-breakpoint
CREATE TRIGGER users_list_user_roles_truncated AFTER TRUNCATE ON user_roles FOR EACH STATEMENT EXECUTE FUNCTION commercecore_notify_users_list();
--> statement-breakpoint
CREATE TRIGGER users_list_roles_truncated AFTER TRUNCATE ON roles FOR EACH STATEMENT EXECUTE FUNCTION commercecore_notify_users_list();
