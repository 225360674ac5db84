// reflect.DeepEqual over decoded JSON: same shape, same keys (in any order), same scalars. The
// API server uses it to skip writes that change nothing; patches and edits to detect no-ops.

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    // A key holding undefined is absent once encoded, so it is absent here too.
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    if (ka.length !== Object.keys(b).filter((k) => b[k] !== undefined).length) return false;
    for (const k of ka) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}
