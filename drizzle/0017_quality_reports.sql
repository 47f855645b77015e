CREATE TABLE "quality_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"version_ids" jsonb NOT NULL,
	"findings" jsonb NOT NULL,
	"errors" integer NOT NULL,
	"warnings" integer NOT NULL,
	"infos" integer NOT NULL,
	"checks_version" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "quality_reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "quality_reports" ADD CONSTRAINT "quality_reports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_reports" ADD CONSTRAINT "quality_reports_project_fk" FOREIGN KEY ("tenant_id","project_id") REFERENCES "public"."projects"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quality_reports_project_key" ON "quality_reports" USING btree ("tenant_id","project_id");--> statement-breakpoint
CREATE POLICY "quality_reports_tenant_isolation" ON "quality_reports" AS PERMISSIVE FOR ALL TO "jeex_app" USING ("quality_reports"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("quality_reports"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));