/**
 * Twelve-digit numbers that may name a person are masked to their first six digits. An IIN
 * starts with its holder's birth date, so its fifth digit (the tens of the day) is 0-3; a legal
 * entity's BIN has its kind there (4-6) and is not personal data. An individual entrepreneur's
 * BIN is its owner's IIN: it is masked like one, wherever it stands in the path. Digits inside
 * a longer token (the last group of a UUID) are not an identifier.
 */
const TWELVE_DIGITS = /(?<![\w-])(\d{4})(\d{2})\d{6}(?![\w-])/g;
const LEGAL_ENTITY_KIND = /^[4-6]$/;

export function maskIins(text: string): string {
  return text.replace(TWELVE_DIGITS, (number: string, first4: string, next2: string) =>
    LEGAL_ENTITY_KIND.test(next2[0]) ? number : `${first4}${next2}******`,
  );
}

/** A URL with its IINs masked, however they are percent-encoded. */
export function maskPersonalData(url: string): string {
  let path = url;
  try {
    path = decodeURIComponent(url);
  } catch {
    // not valid percent-encoding: mask the text as it is
  }
  return maskIins(path);
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
