import type { StreamKey } from "./port.ts";

const keyPartPattern = /^[A-Za-z0-9_-]+$/;

/**
 * `tenantId:projectId`, checked so that neither part can be empty or smuggle a `:`
 * (which would let one tenant's key collide with another's).
 */
export function streamKeySuffix(key: StreamKey): string {
  if (!keyPartPattern.test(key.tenantId) || !keyPartPattern.test(key.projectId)) {
    throw new TypeError("stream keys need a tenantId and a projectId made of letters, digits, - or _");
  }
  return `${key.tenantId}:${key.projectId}`;
}
