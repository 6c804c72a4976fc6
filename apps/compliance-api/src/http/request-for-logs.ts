/** A person's IIN in a path (`/heads/860311300524/...`) keeps its first six digits in logs. */
const IIN_IN_PATH = /(\/heads\/)(\d{6})\d{6}/g;

export function maskPersonalData(url: string): string {
  return url.replace(IIN_IN_PATH, '$1$2******');
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
