DROP INDEX "usage_records_execution_key";--> statement-breakpoint
ALTER TABLE "agent_executions" ADD COLUMN "tokens_reserved" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_records" ADD COLUMN "attempt" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "usage_records_execution_attempt_key" ON "usage_records" USING btree ("execution_id","attempt");