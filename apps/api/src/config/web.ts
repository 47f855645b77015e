import { fileURLToPath } from "node:url";
import { z } from "zod";

// The built web app (apps/web/dist) that the API serves at `/`. Composed into the one
// environment schema in ../config.ts; nothing here reads process.env.

const defaultWebDistDir = fileURLToPath(new URL("../../../web/dist", import.meta.url));

export const webEnvShape = {
  /** The Vite build to serve at `/`; the image sets it, since the bundle moves this file. */
  WEB_DIST_DIR: z.string().min(1).default(defaultWebDistDir),
};

type WebEnv = z.infer<z.ZodObject<typeof webEnvShape>>;

export function webConfigFrom(env: WebEnv) {
  return { distDir: env.WEB_DIST_DIR };
}

export type WebConfig = ReturnType<typeof webConfigFrom>;
