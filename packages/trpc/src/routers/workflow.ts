import { estimateStepInputSchema, stepEstimateSchema } from "@jeex/contracts/estimate";
import { projectIdInputSchema } from "@jeex/contracts/projects";
import {
  cancelledExecutionSchema,
  executionIdInputSchema,
  executionPageSchema,
  executionSchema,
  listExecutionsInputSchema,
  projectEventsInputSchema,
  runStepInputSchema,
  runStepOutputSchema,
  workflowStatusSchema,
} from "@jeex/contracts/workflow";
import { assertProjectExists } from "@jeex/core/projects";
import {
  cancelExecution,
  estimateStep,
  getExecution,
  listExecutions,
  requestStep,
  workflowStatus,
} from "@jeex/core/workflow";
import { createProjectRepository } from "@jeex/db/repositories";
import type { RequestContext } from "../context.ts";
import { tenantQuery } from "../tenant-calls.ts";
import type { TenantHandlerContext } from "../tenant-handler-context.ts";
import { editorProcedure, memberProcedure, router, viewerProcedure } from "../trpc.ts";
import { streamProjectEvents } from "./progress-stream.ts";

const monthlyTokenBudget = (ctx: RequestContext, tenant: TenantHandlerContext) => async () =>
  (await tenant.usage.tenantBudget()) ?? ctx.services.workflow.defaultMonthlyTokenBudget;

export const workflowRouter = router({
  runStep: editorProcedure
    .input(runStepInputSchema)
    .output(runStepOutputSchema)
    .mutation(({ ctx, input }) =>
      requestStep(
        {
          ...ctx.tenant,
          requestId: ctx.requestId,
          monthlyTokenBudget: monthlyTokenBudget(ctx, ctx.tenant),
          runTokenReservation: ctx.services.workflow.runTokenReservation,
          costModel: ctx.services.workflow.costModel,
          dispatch: (run) =>
            ctx.services.workflow.dispatchStep({
              ...run,
              tenantId: ctx.access.tenantId,
              userId: ctx.access.userId,
            }),
        },
        input,
      ),
    ),
  /** Input tokens, output range, cost and budget left for running a step now; calls no model. */
  estimate: viewerProcedure
    .input(estimateStepInputSchema)
    .output(stepEstimateSchema)
    .query(({ ctx, input }) =>
      estimateStep(
        {
          ...ctx.tenant,
          monthlyTokenBudget: monthlyTokenBudget(ctx, ctx.tenant),
          runTokenReservation: ctx.services.workflow.runTokenReservation,
          costModel: ctx.services.workflow.costModel,
        },
        input,
      ),
    ),
  cancel: editorProcedure
    .input(executionIdInputSchema)
    .output(cancelledExecutionSchema)
    .mutation(({ ctx, input }) =>
      cancelExecution({ ...ctx.tenant, lifecycle: ctx.services.workflow.lifecycle }, input),
    ),
  status: tenantQuery(viewerProcedure, projectIdInputSchema, workflowStatusSchema, workflowStatus),
  /**
   * Progress of every run of a project, over SSE. Listens before replaying what came after
   * `lastEventId`, so a reconnecting client misses nothing and sees nothing twice; capped per user
   * and process, re-checks access while open and closes after its lifetime (progress-stream.ts).
   */
  events: memberProcedure("viewer")
    .input(projectEventsInputSchema)
    // Checked before the stream starts, so a missing project is a NOT_FOUND, not a broken stream.
    .use(async ({ ctx, input, next }) => {
      await ctx.services.db.withTenant(ctx.access, (tx) =>
        assertProjectExists(createProjectRepository(tx), input.projectId),
      );
      return next();
    })
    .subscription(({ ctx, input }) => streamProjectEvents(ctx, input)),
  executions: router({
    list: tenantQuery(viewerProcedure, listExecutionsInputSchema, executionPageSchema, listExecutions),
    get: tenantQuery(viewerProcedure, executionIdInputSchema, executionSchema, getExecution),
  }),
});
