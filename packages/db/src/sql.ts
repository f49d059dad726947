/** Escapes LIKE's wildcards so that a value matches only itself (as a prefix, with a trailing %). */
export function escapeLike(value: string): string {
  return value.replace(/[%_\\]/g, '\\$&');
}
