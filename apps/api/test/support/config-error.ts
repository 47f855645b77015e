import { expect } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

/** The message of the ConfigError that loading `env` throws; fails the test when it loads. */
export function configErrorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a configuration error");
}
