// Float32 arrays as base64 strings: the compact, exact way model weights travel inside JSON.

export function float32ToBase64(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function base64ToFloat32(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % 4 !== 0) throw new RangeError('a float32 array has a multiple of 4 bytes');
  // Copy into a fresh, aligned buffer: Buffer slices may start at an unaligned offset.
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
