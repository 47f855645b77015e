import type { z } from "zod";
import type { TenantHandlerContext } from "./tenant-handler-context.ts";
import type { TenantProcedure } from "./trpc.ts";

/** A core function that needs nothing but the tenant context and the procedure's checked input. */
type TenantCall<Input extends z.ZodType, Output extends z.ZodType> = (
  tenant: TenantHandlerContext,
  input: z.output<Input>,
) => Promise<z.input<Output>>;

/** The role tier, the contract's input and output schemas, and the core function between them. */
type TenantCallParts<Input extends z.ZodType, Output extends z.ZodType> = [
  procedure: TenantProcedure,
  input: Input,
  output: Output,
  call: TenantCall<Input, Output>,
];

// tRPC types a generic schema's parsed input and expected output through its own conditional types,
// which TypeScript cannot reduce to zod's `output`/`input` inside a generic; both are the same types,
// and each call site is checked against `TenantCall` with its concrete schemas.
const handledBy =
  <Input extends z.ZodType, Output extends z.ZodType>(call: TenantCall<Input, Output>) =>
  ({ ctx, input }: { ctx: { tenant: TenantHandlerContext }; input: unknown }) =>
    (call as (tenant: TenantHandlerContext, input: unknown) => Promise<never>)(ctx.tenant, input);

/*
 * Most tenant procedures are one core function between two contract schemas. These say that
 * wiring once; the role tier (`viewerProcedure`, …) stays at each procedure, and a procedure that
 * hands the core more than the tenant keeps its own handler.
 */
export const tenantQuery = <Input extends z.ZodType, Output extends z.ZodType>(
  ...[procedure, input, output, call]: TenantCallParts<Input, Output>
) => procedure.input(input).output(output).query(handledBy(call));

export const tenantMutation = <Input extends z.ZodType, Output extends z.ZodType>(
  ...[procedure, input, output, call]: TenantCallParts<Input, Output>
) => procedure.input(input).output(output).mutation(handledBy(call));
