import { z } from "zod";

/** "true"/"1" or "false"/"0"/"" from the environment. */
export const booleanFlag = (defaultValue: boolean) =>
  z
    .enum(["true", "false", "1", "0", ""])
    .default(defaultValue ? "true" : "false")
    .transform((value) => value === "true" || value === "1");

/** A value that may be unset; set to "" counts as unset. */
export const optionalText = z
  .string()
  .optional()
  .transform((value) => value || undefined);

/** A comma-separated list from the environment, trimmed, empties dropped. */
export const commaList = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  );
