import type { TenantAccess } from "@jeex/core/auth";
import type { z } from "zod";
import type { RequestContext } from "./context.ts";
import type { TenantHandlerContext } from "./tenant-handler-context.ts";
import type { TenantProcedure } from "./trpc.ts";

/** What a tenant procedure's handler sees: the request, the caller's access and the open transaction. */
export type TenantRequestContext = RequestContext & { access: TenantAccess; tenant: TenantHandlerContext };

/** Whom a job queued by this request acts for: the caller, in the caller's tenant. */
export const jobOwner = ({ access }: TenantRequestContext) => ({
  tenantId: access.tenantId,
  userId: access.userId,
});

/**
 * The role tier, the contract's input and output schemas, the core function between them, and
 * what that function is handed: the tenant context itself unless `contextOf` adds services to it.
 * `NoInfer` makes the core function be checked against that context, never the other way round.
 */
type TenantCallParts<Input extends z.ZodType, Output extends z.ZodType, Context> = [
  procedure: TenantProcedure,
  input: Input,
  output: Output,
  call: (context: NoInfer<Context>, input: z.output<Input>) => Promise<z.input<Output>>,
  contextOf?: (ctx: TenantRequestContext) => Context,
];

// tRPC types a generic schema's parsed input and expected output through its own conditional types,
// which TypeScript cannot reduce to zod's `output`/`input` inside a generic; both are the same types,
// and each call site is checked against `TenantCallParts` with its concrete schemas.
type UntypedCall = (context: unknown, input: unknown) => Promise<never>;
const handledBy =
  (call: unknown, contextOf: ((ctx: TenantRequestContext) => unknown) | undefined) =>
  ({ ctx, input }: { ctx: TenantRequestContext; input: unknown }) =>
    (call as UntypedCall)(contextOf ? contextOf(ctx) : ctx.tenant, input);

/*
 * Most tenant procedures are one core function between two contract schemas. These say that
 * wiring once; the role tier (`viewerProcedure`, …) stays at each procedure, and what the core
 * gets beyond the tenant is a named `contextOf` beside the router.
 */
export const tenantQuery = <In extends z.ZodType, Out extends z.ZodType, Ctx = TenantHandlerContext>(
  ...[procedure, input, output, call, contextOf]: TenantCallParts<In, Out, Ctx>
) => procedure.input(input).output(output).query(handledBy(call, contextOf));

export const tenantMutation = <In extends z.ZodType, Out extends z.ZodType, Ctx = TenantHandlerContext>(
  ...[procedure, input, output, call, contextOf]: TenantCallParts<In, Out, Ctx>
) => procedure.input(input).output(output).mutation(handledBy(call, contextOf));
