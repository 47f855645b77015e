import { z } from "zod";
import { idSchema, roleSchema } from "./common.ts";

export const loginProviderSchema = z.object({ id: z.string(), name: z.string() });
export type LoginProvider = z.infer<typeof loginProviderSchema>;

export const meSchema = z.object({
  user: z.object({ id: idSchema, email: z.string().nullable(), displayName: z.string() }),
  credential: z.enum(["api-key", "session", "access-token"]),
  memberships: z.array(
    z.object({
      tenantId: idSchema,
      slug: z.string(),
      name: z.string(),
      personal: z.boolean(),
      role: roleSchema,
    }),
  ),
  /** The tenant this request acts in (x-tenant-id or the default), or null when none applies. */
  activeTenant: z.object({ tenantId: idSchema, role: roleSchema }).nullable(),
});
export type Me = z.infer<typeof meSchema>;
