import type { AnyTRPCRouter } from "@trpc/server";
import type { FastifyInstance } from "fastify";
import { panelPage } from "./panel-page.ts";
import { describeProcedures, type ProcedureDescription } from "./procedure-catalog.ts";

/**
 * The tRPC debugging panel: `GET /panel` (a self-contained page) and `GET /panel/procedures.json`
 * (every procedure with its input JSON Schema). The server mounts it outside production only.
 * Registered as an encapsulated plugin, so it loads after the security plugin and helmet's
 * route option below replaces the API's CSP on the page alone.
 */
export function registerPanel(app: FastifyInstance, router: AnyTRPCRouter): void {
  app.register(async (panel) => {
    let catalog: { procedures: ProcedureDescription[] } | undefined;
    const page = panelPage();

    panel.get(
      "/panel",
      { helmet: { contentSecurityPolicy: { useDefaults: false, directives: page.cspDirectives } } },
      async (_request, reply) => reply.type("text/html; charset=utf-8").send(page.html),
    );
    panel.get("/panel/procedures.json", async () => {
      catalog ??= { procedures: describeProcedures(router) };
      return catalog;
    });
  });
}
