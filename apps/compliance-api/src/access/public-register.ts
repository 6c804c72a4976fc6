import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by `@PublicRegisterReads()`: the operation is open without a key in public register mode. */
    openInPublicRegister?: boolean;
  }
}

type Request = Pick<FastifyRequest, 'headers' | 'routeOptions'>;

/**
 * Public register mode (PUBLIC_REGISTER=true, off by default): the register views and list, which
 * hold no personal data, are open to callers without a key. Only a request that sends no key at
 * all is anonymous: a key the service does not know is refused as ever, so a mistyped or revoked
 * key is never quietly served as no key. The rate limit, the early 401 and the access guard all
 * ask this one question, so they cannot disagree on what is open.
 */
export class PublicRegister {
  constructor(readonly open: boolean) {}

  /** Whether the request may go without a key: the mode is on, it sends none, and its operation is one the mode opens. */
  admits(request: Request): boolean {
    return this.open && sendsNoKey(request) && request.routeOptions.config?.openInPublicRegister === true;
  }
}

function sendsNoKey(request: Request): boolean {
  const authorization = request.headers.authorization;
  return authorization === undefined || authorization.trim() === '';
}
