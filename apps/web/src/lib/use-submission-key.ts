import { useCallback, useRef } from "react";

/** Object keys sorted, so the same input built in another field order still counts as the same. */
const fingerprint = (input: unknown) =>
  JSON.stringify(input, (_name, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );

/**
 * One idempotency key per user submission: retrying the same input (the answer got lost, a 503)
 * sends the same key, so the server answers the first result instead of creating twice. Another
 * input is another submission with a new key, because the server refuses a key reused for a
 * different input (CONFLICT). After the server accepted it, the next submission gets a new key.
 */
export function useSubmissionKey() {
  const pending = useRef<{ input: string; key: string } | undefined>(undefined);

  const withKey = useCallback(<Input extends object>(input: Input): Input & { idempotencyKey: string } => {
    const current = fingerprint(input);
    if (pending.current?.input !== current) pending.current = { input: current, key: crypto.randomUUID() };
    return { ...input, idempotencyKey: pending.current.key };
  }, []);

  /** The server accepted the submission with this key; only that one is finished. */
  const accepted = useCallback((key: string | undefined) => {
    if (pending.current?.key === key) pending.current = undefined;
  }, []);

  /** An `onSuccess` that finishes the submission's key, then does what the page does with the result. */
  const onAccepted = useCallback(
    <Result, Then>(then: (result: Result) => Then) =>
      (result: Result, variables: { idempotencyKey?: string | undefined }): Then => {
        accepted(variables.idempotencyKey);
        return then(result);
      },
    [accepted],
  );

  return { withKey, accepted, onAccepted };
}
