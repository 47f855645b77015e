import { createHash } from "node:crypto";

/**
 * A deterministic, UUID-shaped point id (RFC 4122 version 5 layout over SHA-1) for a chunk of a
 * document: re-indexing the same content overwrites the same point instead of adding a copy, and
 * the tenant in the name keeps ids of different tenants apart even for equal documents.
 */
export function chunkPointId(tenantId: string, documentId: string, contentHash: string): string {
  const bytes = createHash("sha1").update(`jeex-memory/${tenantId}/${documentId}/${contentHash}`).digest();
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
