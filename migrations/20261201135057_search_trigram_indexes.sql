-- ?search= is ILIKE '%term%' over a list's text columns: trigram GIN indexes serve it.
-- pg_trgm and btree_gin are trusted extensions (PostgreSQL 13+), so the database owner may
-- create them without superuser; IF NOT EXISTS lets an operator create them beforehand.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE INDEX "developers_search" ON "developers" USING gin ("organization_id",("name" || E'\x1f' || "email") gin_trgm_ops) WHERE "developers"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "organizations_search" ON "organizations" USING gin (("name" || E'\x1f' || "slug") gin_trgm_ops) WHERE "organizations"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "products_search" ON "products" USING gin ("organization_id",("name" || E'\x1f' || "sku" || E'\x1f' || "description") gin_trgm_ops) WHERE "products"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "users_search" ON "users" USING gin ("organization_id",("username" || E'\x1f' || "email" || E'\x1f' || "first_name" || E'\x1f' || "last_name") gin_trgm_ops) WHERE "users"."deleted_at" IS NULL;