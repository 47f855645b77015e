/** Scales `vector` in place to unit length; an all-zero vector stays as it is. */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += (vector[i] as number) * (vector[i] as number);
  if (sum === 0) return vector;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) * scale;
  return vector;
}

/** Dot product of two vectors of the same length: the cosine similarity of unit vectors. */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/**
 * `dot(a, row)` for the row of `a.length` entries stored in `rows` from `offset` on (vectors
 * packed one after another), summed in the same order, so the score is bit for bit the same.
 */
export function dotAt(a: Float32Array, rows: Float32Array, offset: number): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (rows[offset + i] as number);
  return sum;
}

/**
 * Float32 vectors as stored bytes (platform byte order, little-endian on every supported CPU)
 * and back. Reading views the bytes in place when they are 4-byte aligned and copies otherwise.
 */
export function vectorToBytes(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

export function bytesToVector(bytes: Uint8Array): Float32Array {
  if (bytes.byteOffset % 4 === 0)
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
  return new Float32Array(bytes.slice().buffer, 0, bytes.byteLength >>> 2);
}
