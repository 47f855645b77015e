import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { CliError } from "./errors.ts";
import { ExitCode } from "./exit-codes.ts";

/** What `jeex login` saves. The API key is a secret, hence the 0600 file in a 0700 directory. */
export interface SavedLogin {
  url: string;
  apiKey: string;
  tenantId?: string;
}

export interface ConfigLocationEnv {
  JEEX_CONFIG_DIR?: string | undefined;
  XDG_CONFIG_HOME?: string | undefined;
  HOME?: string | undefined;
}

/** `$JEEX_CONFIG_DIR`, else `$XDG_CONFIG_HOME/jeex`, else `~/.config/jeex`. */
export function configDir(env: ConfigLocationEnv): string {
  if (env.JEEX_CONFIG_DIR) return env.JEEX_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(base, "jeex");
}

export const configPath = (env: ConfigLocationEnv) => join(configDir(env), "config.json");

export async function readSavedLogin(env: ConfigLocationEnv): Promise<SavedLogin | undefined> {
  const path = configPath(env);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const parsed = safeJson(text) as Partial<SavedLogin> | undefined;
  if (typeof parsed?.url !== "string" || typeof parsed.apiKey !== "string") {
    throw new CliError(`${path} is not a jeex login; run \`jeex login\` again`, ExitCode.unauthenticated, {
      code: "BAD_CONFIG",
    });
  }
  return {
    url: parsed.url,
    apiKey: parsed.apiKey,
    ...(parsed.tenantId ? { tenantId: parsed.tenantId } : {}),
  };
}

/**
 * Writes to a temporary file created 0600 and renames it over the old one, so the key is never
 * readable by others and a crash never leaves half a file. Returns the file's path.
 */
export async function saveLogin(env: ConfigLocationEnv, login: SavedLogin): Promise<string> {
  const dir = configDir(env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing directory's mode alone; the key must not sit in a readable one.
  await chmod(dir, 0o700);
  const path = configPath(env);
  const temporary = join(dir, `.config.json.${randomBytes(6).toString("hex")}`);
  try {
    await writeFile(temporary, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return path;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
