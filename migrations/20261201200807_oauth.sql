CREATE TABLE "oauth_artifacts" (
	"kind" text NOT NULL,
	"id_hash" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"grant_id" text,
	"session_uid" text,
	"account_id" text,
	"client_id" text,
	"expires_at" timestamp with time zone,
	"consumed_at" timestamp with time zone,
	CONSTRAINT "oauth_artifacts_kind_id_hash_pk" PRIMARY KEY("kind","id_hash")
);
--> statement-breakpoint
CREATE TABLE "oauth_clients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"developer_id" uuid NOT NULL,
	"client_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"secret_hash" text,
	"token_endpoint_auth_method" text NOT NULL,
	"redirect_uris" text[] DEFAULT '{}'::text[] NOT NULL,
	"post_logout_redirect_uris" text[] DEFAULT '{}'::text[] NOT NULL,
	"grant_types" text[] NOT NULL,
	"scopes" text[] NOT NULL,
	"first_party" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "oauth_clients_org_id" UNIQUE("organization_id","id"),
	CONSTRAINT "oauth_clients_kind" CHECK ("oauth_clients"."kind" IN ('confidential', 'public')),
	CONSTRAINT "oauth_clients_secret" CHECK (("oauth_clients"."kind" = 'confidential') = ("oauth_clients"."secret_hash" IS NOT NULL)),
	CONSTRAINT "oauth_clients_auth_method" CHECK (("oauth_clients"."kind" = 'public') = ("oauth_clients"."token_endpoint_auth_method" = 'none'))
);
--> statement-breakpoint
CREATE TABLE "oauth_session_links" (
	"session_uid" text PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "oauth_artifacts" ADD CONSTRAINT "oauth_artifacts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_clients" ADD CONSTRAINT "oauth_clients_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_clients" ADD CONSTRAINT "oauth_clients_organization_id_developer_id_developers_organization_id_id_fk" FOREIGN KEY ("organization_id","developer_id") REFERENCES "public"."developers"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_session_links" ADD CONSTRAINT "oauth_session_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_session_links" ADD CONSTRAINT "oauth_session_links_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oauth_artifacts_grant" ON "oauth_artifacts" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "oauth_artifacts_session_uid" ON "oauth_artifacts" USING btree ("session_uid");--> statement-breakpoint
CREATE INDEX "oauth_artifacts_account" ON "oauth_artifacts" USING btree ("organization_id","account_id");--> statement-breakpoint
CREATE INDEX "oauth_artifacts_client" ON "oauth_artifacts" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "oauth_artifacts_expires" ON "oauth_artifacts" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_clients_client_id" ON "oauth_clients" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "oauth_clients_developer" ON "oauth_clients" USING btree ("developer_id");--> statement-breakpoint
CREATE INDEX "oauth_session_links_session" ON "oauth_session_links" USING btree ("session_id");--> statement-breakpoint
-- Whatever ends an account, a sign-in, a client or its developer ends their OAuth
-- artifacts in the same transaction, whichever process wrote it (API, CLI, plain SQL):
-- introspection, userinfo, refresh and the API then find nothing.
CREATE OR REPLACE FUNCTION commercecore_oauth_end_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM oauth_artifacts WHERE organization_id = NEW.organization_id AND account_id = NEW.id::text;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER oauth_end_user AFTER UPDATE OF is_active, deleted_at ON users FOR EACH ROW
  WHEN (NOT NEW.is_active OR NEW.deleted_at IS NOT NULL) EXECUTE FUNCTION commercecore_oauth_end_user();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION commercecore_oauth_end_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM oauth_artifacts a USING oauth_session_links l
    WHERE l.session_id = NEW.id AND a.organization_id = NEW.organization_id AND a.session_uid = l.session_uid;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER oauth_end_session AFTER UPDATE OF revoked_at ON sessions FOR EACH ROW
  WHEN (NEW.revoked_at IS NOT NULL) EXECUTE FUNCTION commercecore_oauth_end_session();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION commercecore_oauth_end_client() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM oauth_artifacts WHERE organization_id = NEW.organization_id AND client_id = NEW.client_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER oauth_end_client AFTER UPDATE OF deleted_at ON oauth_clients FOR EACH ROW
  WHEN (NEW.deleted_at IS NOT NULL) EXECUTE FUNCTION commercecore_oauth_end_client();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION commercecore_oauth_end_developer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM oauth_artifacts a USING oauth_clients c
    WHERE c.organization_id = NEW.organization_id AND c.developer_id = NEW.id
      AND a.organization_id = NEW.organization_id AND a.client_id = c.client_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER oauth_end_developer AFTER UPDATE OF deleted_at ON developers FOR EACH ROW
  WHEN (NEW.deleted_at IS NOT NULL) EXECUTE FUNCTION commercecore_oauth_end_developer();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION commercecore_oauth_end_organization() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM oauth_artifacts WHERE organization_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER oauth_end_organization AFTER UPDATE OF deleted_at ON organizations FOR EACH ROW
  WHEN (NEW.deleted_at IS NOT NULL) EXECUTE FUNCTION commercecore_oauth_end_organization();
