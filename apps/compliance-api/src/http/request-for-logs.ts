/**
 * Twelve-digit numbers in a path are masked to their first six digits, except an entity's BIN
 * right after `/entities/` or `/register/` (not personal data): a person's IIN never reaches the
 * logs in full, however the path is spelled.
 */
const TWELVE_DIGITS = /(^|[^\d])(\d{6})\d{6}(?!\d)/g;
const BIN_SEGMENT = /\/(entities|register)\/(\d{12})(?!\d)/g;

export function maskPersonalData(url: string): string {
  let path = url;
  try {
    path = decodeURIComponent(url);
  } catch {
    // not valid percent-encoding: mask the text as it is
  }
  const bins: string[] = [];
  const withoutBins = path.replace(
    BIN_SEGMENT,
    (_, kind: string, bin: string) => `/${kind}/\u0000${bins.push(bin) - 1}\u0000`,
  );
  const masked = withoutBins.replace(TWELVE_DIGITS, '$1$2******');
  return masked.replace(/\u0000(\d+)\u0000/g, (_, i: string) => bins[Number(i)]);
}

/** What a request log says about the request: never its headers (keys) or body (IINs). */
export function requestForLogs(request: { id?: unknown; method?: string; url?: string; remoteAddress?: string }) {
  return {
    id: request.id,
    method: request.method,
    url: maskPersonalData(request.url ?? ''),
    remoteAddress: request.remoteAddress,
  };
}
