import { useCallback, useState } from "react";

/**
 * One key per submitted run: a retry of the same submission (the answer got lost) sends the same
 * key and the server returns the first execution instead of starting a second. A new key only
 * after the server accepted the run.
 */
export function useIdempotencyKey(): [string, () => void] {
  const [key, setKey] = useState(() => crypto.randomUUID());
  const renew = useCallback(() => setKey(crypto.randomUUID()), []);
  return [key, renew];
}
