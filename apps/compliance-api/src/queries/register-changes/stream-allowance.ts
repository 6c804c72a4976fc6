import { ProblemError } from '../../http/problem-details/problem.js';

/**
 * How many server-sent-event streams one key and one address may hold open at once. A stream
 * holds a socket and a file descriptor for as long as the client likes: without a bound, one
 * key could open them until the process runs out.
 */
export class StreamAllowance {
  private readonly byKey = new Map<string, number>();
  private readonly byAddress = new Map<string, number>();

  constructor(
    private readonly perKey: number,
    private readonly perAddress: number,
  ) {}

  /** Claims a stream for the key and address, or refuses it (429): release it when it ends. */
  claim(keyId: string, address: string): () => void {
    if ((this.byKey.get(keyId) ?? 0) >= this.perKey) throw tooMany(`this key holds ${this.perKey}`);
    if ((this.byAddress.get(address) ?? 0) >= this.perAddress) throw tooMany(`this address holds ${this.perAddress}`);
    count(this.byKey, keyId, +1);
    count(this.byAddress, address, +1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      count(this.byKey, keyId, -1);
      count(this.byAddress, address, -1);
    };
  }
}

function count(counts: Map<string, number>, name: string, by: 1 | -1): void {
  const now = (counts.get(name) ?? 0) + by;
  if (now === 0) counts.delete(name);
  else counts.set(name, now);
}

function tooMany(holding: string): ProblemError {
  return new ProblemError(
    'too-many-streams',
    `At most that many change streams may be open at once, and ${holding}: close one, or read the feed page by page`,
    {},
    { 'retry-after': '60' },
  );
}
