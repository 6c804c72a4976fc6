/**
 * RFC 8785 (JCS) canonical JSON, as the `canonicalize` package writes it (a property test holds
 * them equal), several times faster on the log's events. The chain hashes every event once when
 * it is recorded and the transparency tree every event once more, in the service and in each
 * rebuild, so this is on both hot paths.
 *
 * JCS writes strings and numbers as JSON.stringify does, so a value whose objects already have
 * their keys in JCS order is written by JSON.stringify itself; the log stores its events that
 * way (`inCanonicalOrder`), and checking the order costs far less than sorting. Any other value
 * takes the general path, which remembers each shape's sorted keys.
 */
export function canonicalJson(value: unknown): string {
  return isInCanonicalOrder(value) ? JSON.stringify(value) : canonicalJsonOf(value);
}

/**
 * A copy of a JSON value with every object's keys in JCS order, for storing: what is read back
 * is then written by the fast path above. Keys that look like array indices stay where
 * JavaScript enumerates them (first, in numeric order), which is not JCS order, so such objects
 * take the general path; nothing the log stores has them.
 */
export function inCanonicalOrder<T>(value: T): T {
  if (value === null || typeof value !== 'object' || isInCanonicalOrder(value)) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => inCanonicalOrder(item)) as T;
  const object = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of keysOf(object)) {
    const item = inCanonicalOrder(object[key]);
    // an own "__proto__" (JSON.parse makes one) must stay data, not become the copy's prototype
    if (key === '__proto__')
      Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as T;
}

/**
 * Whether JSON.stringify writes `value` exactly as JCS: only plain JSON values (no toJSON,
 * function, symbol, bigint or non-finite number anywhere, which JCS refuses or treats its own
 * way) with every object's own keys in strictly increasing UTF-16 code unit order (what the
 * string `<` compares).
 */
function isInCanonicalOrder(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isInCanonicalOrder(value[i])) return false;
    return true;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const object = value as Record<string, unknown>;
  let previous: string | undefined;
  for (const key of Object.keys(object)) {
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
    if (!isInCanonicalOrder(object[key])) return false;
  }
  return true;
}

const MEMORY = 10_000;
const quotedKeys = new Map<string, string>();
const sortedKeys = new Map<string, { readonly keys: string[]; readonly sorted: string[] }>();

function canonicalJsonOf(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`${value} has no JSON form`);
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean' && value !== null) {
      throw new TypeError(`a ${typeof value} has no JSON form`);
    }
    return JSON.stringify(value);
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJsonOf((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (i > 0) out += ',';
      out += item === undefined || typeof item === 'symbol' ? 'null' : canonicalJsonOf(item);
    }
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of keysOf(object)) {
    const item = object[key];
    if (item === undefined || typeof item === 'symbol') continue;
    if (!first) out += ',';
    first = false;
    out += `${quoted(key)}:${canonicalJsonOf(item)}`;
  }
  return `${out}}`;
}

/** The keys in UTF-16 code unit order (Array.prototype.sort's own), remembered by the order they came in. */
function keysOf(object: object): string[] {
  const keys = Object.keys(object);
  const shape = keys.join('\u0000');
  const known = sortedKeys.get(shape);
  // the joined keys may be ambiguous (a key holding the separator): the hit must be the same keys
  if (known !== undefined && known.keys.length === keys.length && known.keys.every((key, i) => key === keys[i])) {
    return known.sorted;
  }
  const sorted = [...keys].sort();
  if (sortedKeys.size < MEMORY) sortedKeys.set(shape, { keys, sorted });
  return sorted;
}

function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (quotedKeys.size < MEMORY) quotedKeys.set(key, text);
  }
  return text;
}
