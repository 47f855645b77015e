import { parseCommandArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { saveLogin } from "../config-file.ts";
import { checkServerUrl, clientFor } from "../connection.ts";
import { CliError, UsageError } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";
import { toCliError } from "../server-errors.ts";

export const loginCommand: Command = {
  path: ["login"],
  usage: "jeex login --url <url> --api-key <key> [--tenant <id>]",
  summary: "check an API key with the server and save it for later commands",
  options: {},
  async run(context, argv) {
    const { values } = parseCommandArgs(argv, {});
    const url = values.url ?? context.env.JEEX_URL;
    const apiKey = values["api-key"] ?? context.env.JEEX_API_KEY;
    if (!url) throw new UsageError("--url is required (or set JEEX_URL)");
    if (!apiKey) throw new UsageError("--api-key is required (or set JEEX_API_KEY)");
    const tenantId = values.tenant ?? context.env.JEEX_TENANT_ID;
    const login = { url: checkServerUrl(url), apiKey, ...(tenantId ? { tenantId } : {}) };
    context.server = login.url;

    // Nothing is saved unless the server accepts the key.
    const me = await clientFor(login, context)
      .auth.me.query()
      .catch((error: unknown) => {
        const failure = toCliError(error, login.url);
        if (failure.exitCode !== ExitCode.unauthenticated) throw failure;
        throw new CliError(
          `the server at ${login.url} rejected this API key [${failure.code}]; nothing was saved`,
          ExitCode.unauthenticated,
          { code: failure.code ?? "UNAUTHORIZED", details: failure.details },
        );
      });
    if (tenantId && me.activeTenant?.tenantId !== tenantId) {
      throw new CliError(`this key's user is not a member of tenant ${tenantId}`, ExitCode.forbidden, {
        code: "FORBIDDEN",
      });
    }
    const path = await saveLogin(context.env, login);

    const tenant = me.memberships.find((m) => m.tenantId === me.activeTenant?.tenantId);
    const who = me.user.email ?? me.user.displayName;
    context.out.result({ url: login.url, configPath: path, user: me.user, activeTenant: me.activeTenant }, [
      `Logged in to ${login.url} as ${who}${tenant ? ` (tenant ${tenant.slug}, ${tenant.role})` : ""}.`,
      `Saved to ${path}.`,
    ]);
  },
};
