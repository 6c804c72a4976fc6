import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { identifierProblem } from '#domain';
import { ROLES, type Role } from './roles.js';

/** One entry of the keys file: the key itself is never stored, only its sha256. */
export interface ApiKeyRecord {
  readonly id: string;
  readonly role: Role;
  readonly sha256: string;
  /** Officers only: the entities (and, through them, their subsidiaries) the key may touch. */
  readonly bins?: readonly string[];
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new key: 32 random bytes, URL-safe, with a prefix that makes it recognisable in a leak. */
export function newApiKey(): string {
  return `cek_${randomBytes(32).toString('base64url')}`;
}

/** Reads and checks a keys file; every problem is named, with the entry it is in. */
export function readKeysFile(file: string): { records: ApiKeyRecord[]; problems: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { records: [], problems: [`API_KEYS_FILE ${file} cannot be read as JSON: ${(error as Error).message}`] };
  }
  const problems = keysProblems(parsed);
  return { records: problems.length === 0 ? (parsed as ApiKeyRecord[]) : [], problems };
}

export function keysProblems(parsed: unknown): string[] {
  if (!Array.isArray(parsed)) return ['API_KEYS_FILE must hold a JSON array'];
  const problems: string[] = [];
  const ids = new Set<string>();
  const hashes = new Set<string>();
  parsed.forEach((entry: Partial<ApiKeyRecord>, i) => {
    const where = `API_KEYS_FILE entry ${i}${typeof entry?.id === 'string' ? ` (${entry.id})` : ''}`;
    if (typeof entry?.id !== 'string' || entry.id.trim() === '')
      problems.push(`${where}: id must be a non-empty string`);
    else if (ids.has(entry.id)) problems.push(`${where}: id is used twice`);
    else ids.add(entry.id);
    if (!ROLES.includes(entry?.role as Role)) problems.push(`${where}: role must be one of ${ROLES.join(', ')}`);
    if (typeof entry?.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256)) {
      problems.push(`${where}: sha256 must be the 64 lowercase hex digits of the key's SHA-256`);
    } else if (hashes.has(entry.sha256)) {
      problems.push(`${where}: the same key is listed twice`);
    } else {
      hashes.add(entry.sha256);
    }
    if (entry?.role !== 'officer' && entry?.bins !== undefined) {
      problems.push(`${where}: only officer keys are scoped to bins`);
    }
    if (entry?.role === 'officer') {
      const bins: unknown = entry.bins;
      if (!Array.isArray(bins) || bins.length === 0) problems.push(`${where}: an officer key must list its bins`);
      else {
        bins
          .filter((bin) => typeof bin !== 'string' || identifierProblem(bin) !== undefined)
          .forEach((bin) => problems.push(`${where}: ${String(bin)} is not a valid BIN`));
      }
    }
  });
  return problems;
}

/**
 * Creates a key, appends its hash to the keys file (creating the file if needed), and returns
 * the key: the only time it is ever seen.
 */
export function createKey(file: string, id: string, role: Role, bins: readonly string[] = []): string {
  const existing = existsSync(file) ? readKeysFile(file) : { records: [], problems: [] };
  if (existing.problems.length > 0) throw new Error(existing.problems.join('\n'));
  if (existing.records.some((record) => record.id === id)) throw new Error(`A key with id ${id} already exists`);
  if (role !== 'officer' && bins.length > 0) throw new Error(`Only officer keys are scoped to bins, not ${role} keys`);
  const key = newApiKey();
  const record: ApiKeyRecord = { id, role, sha256: hashKey(key), ...(role === 'officer' ? { bins } : {}) };
  const records = [...existing.records, record];
  const problems = keysProblems(records);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  // written whole to a private file beside it, then renamed over it: never half a file, never readable by others
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(records, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  return key;
}
