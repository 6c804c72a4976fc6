import type { Problem } from '../ui/use-answer';

export interface Sent {
  readonly status: number;
  readonly body: unknown;
}

/**
 * A write whose path is chosen at run time (a form of the contract's write operations, by its
 * path): the typed client needs the path as a literal, so this one sends it as it is, with the
 * tab's key. The server validates it as it validates every write.
 */
export async function send(
  key: string | undefined,
  method: 'POST' | 'PATCH',
  url: string,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<Sent> {
  const answer = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
      ...headers,
    },
    body: JSON.stringify(body),
  });
  const text = await answer.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: answer.status, body: parsed };
}

export function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'type' in body && 'status' in body;
}
