ALTER TABLE "agent_executions" ADD COLUMN "traceparent" text;--> statement-breakpoint
ALTER TABLE "exports" ADD COLUMN "traceparent" text;