CREATE INDEX "audit_events_actor" ON "audit_events" USING btree ("organization_id","actor_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_target" ON "audit_events" USING btree ("organization_id","target_id","id");--> statement-breakpoint
CREATE INDEX "users_date_joined_live" ON "users" USING btree ("organization_id","date_joined","id") WHERE "users"."deleted_at" IS NULL;