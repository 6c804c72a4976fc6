import { existsSync, readFileSync } from 'node:fs';
import { parseVerifierKey, type VerifierKey } from '#transparency';

/** `--verifier-key`: the key itself (`name+hash+base64`), or a file holding it. */
export function verifierKeyArgument(argument: string): VerifierKey {
  const text = existsSync(argument) ? readFileSync(argument, 'utf8') : argument;
  return parseVerifierKey(text.trim());
}
