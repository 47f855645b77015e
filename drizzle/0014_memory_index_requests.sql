CREATE TABLE "memory_index_requests" (
	"tenant_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"requested_at" bigint NOT NULL,
	"traceparent" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "memory_index_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memory_index_requests" ADD CONSTRAINT "memory_index_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memory_index_requests" ADD CONSTRAINT "memory_index_requests_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memory_index_requests" ADD CONSTRAINT "memory_index_requests_version_id_document_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."document_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memory_index_requests" ADD CONSTRAINT "memory_index_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "memory_index_requests_document_key" ON "memory_index_requests" USING btree ("tenant_id","document_id");--> statement-breakpoint
CREATE POLICY "memory_index_requests_tenant_isolation" ON "memory_index_requests" AS PERMISSIVE FOR ALL TO "jeex_app" USING ("memory_index_requests"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("memory_index_requests"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));