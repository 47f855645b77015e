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
  type RequestStepContext,
  requestStep,
  type TenantOpener,
  workflowStatus,
} from "@jeex/core/workflow";
import { createProjectRepository } from "@jeex/db/repositories";
import type { TenantTransactionOptions } from "@jeex/db/tenant";
import { jobOwner, type TenantRequestContext, tenantMutation, tenantQuery } from "../tenant-calls.ts";
import {
  editorProcedure,
  inCallersTenant,
  type MemberRequestContext,
  memberProcedure,
  router,
  viewerProcedure,
} from "../trpc.ts";
import { monthlyTokenBudget } from "./monthly-token-budget.ts";
import { streamProjectEvents } from "./progress-stream.ts";

/** What checking a run against the budget needs: the budget that applies and the reservation per run. */
const budgetTenant = (ctx: TenantRequestContext) => ({
  ...ctx.tenant,
  monthlyTokenBudget: monthlyTokenBudget(ctx),
  runTokenReservation: ctx.services.workflow.runTokenReservation,
});

/** An estimate also prices the run with the configured cost model. */
const pricingTenant = (ctx: TenantRequestContext) => ({
  ...budgetTenant(ctx),
  costModel: ctx.services.workflow.costModel,
});

/**
 * A requested run is checked against the budget, then its job is queued for the caller's tenant
 * under this request's id (`requestStep` takes the cost model itself: it decides whether to price).
 */
const requestingTenant = (ctx: TenantRequestContext): RequestStepContext => ({
  ...budgetTenant(ctx),
  requestId: ctx.requestId,
  dispatch: (run) => ctx.services.workflow.dispatchStep({ ...run, ...jobOwner(ctx) }),
});

/**
 * For core functions that open the tenant transaction themselves (they count a prompt on the
 * text-work threads outside it): each opening gets the tenant's repositories plus `contextOf`'s.
 */
const tenantOpener =
  <Ctx>(contextOf: (ctx: TenantRequestContext) => Ctx, options?: TenantTransactionOptions) =>
  (ctx: MemberRequestContext): TenantOpener<Ctx> =>
  (work) =>
    inCallersTenant(ctx, (tenant) => work(contextOf({ ...ctx, tenant })), options);
// An estimate only reads, like every query.
const pricingOpener = tenantOpener(pricingTenant, { readOnly: true });
const requestingOpener = tenantOpener(requestingTenant);

/** Cancelling goes through the one owner of execution status changes. */
const withLifecycle = (ctx: TenantRequestContext) => ({
  ...ctx.tenant,
  lifecycle: ctx.services.workflow.lifecycle,
});

export const workflowRouter = router({
  runStep: memberProcedure("editor")
    .input(runStepInputSchema)
    .output(runStepOutputSchema)
    .mutation(({ ctx, input }) => requestStep(requestingOpener(ctx), input, ctx.services.workflow.costModel)),
  /** Input tokens, output range, cost and budget left for running a step now; calls no model. */
  estimate: memberProcedure("viewer")
    .input(estimateStepInputSchema)
    .output(stepEstimateSchema)
    .query(({ ctx, input }) => estimateStep(pricingOpener(ctx), input)),
  cancel: tenantMutation(
    editorProcedure,
    executionIdInputSchema,
    cancelledExecutionSchema,
    cancelExecution,
    withLifecycle,
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
