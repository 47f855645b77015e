-- Merge on re-run: a re-run's output merged with the human edit that was active is a version of
-- source `merged`, recording both parents; a merge with conflicts needs review. Version-to-version
-- references are composite (tenant_id, …) like 0016's. Reviewed: NO ACTION is right — versions
-- are deleted only with their document, which takes every version in the same statement; the
-- existing base_version_id values all name versions of the same document (saveEdit).
ALTER TYPE "public"."version_source" ADD VALUE 'merged';--> statement-breakpoint
ALTER TABLE "document_versions" ADD COLUMN "agent_parent_id" uuid;--> statement-breakpoint
ALTER TABLE "document_versions" ADD COLUMN "human_parent_id" uuid;--> statement-breakpoint
ALTER TABLE "document_versions" ADD COLUMN "needs_review" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_base_fk" FOREIGN KEY ("tenant_id","base_version_id") REFERENCES "public"."document_versions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_agent_parent_fk" FOREIGN KEY ("tenant_id","agent_parent_id") REFERENCES "public"."document_versions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_human_parent_fk" FOREIGN KEY ("tenant_id","human_parent_id") REFERENCES "public"."document_versions"("tenant_id","id") ON DELETE no action ON UPDATE no action;