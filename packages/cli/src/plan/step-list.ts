import { type Step, steps } from "@jeex/contracts/steps";
import { UsageError } from "../errors.ts";

const isStep = (name: string): name is Step => (steps as readonly string[]).includes(name);

/**
 * `--steps about,architecture` → the named steps in workflow order (each reads the documents of the
 * steps before it, so the order is the workflow's, not the flag's). Omitted means all four.
 */
export function parseStepList(value: string | undefined): Step[] {
  if (value === undefined) return [...steps];
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !isStep(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(
      `--steps takes a comma-separated list of ${steps.join(", ")}${unknown.length ? `; unknown: ${unknown.join(", ")}` : ""}`,
    );
  }
  return steps.filter((step) => names.includes(step));
}
