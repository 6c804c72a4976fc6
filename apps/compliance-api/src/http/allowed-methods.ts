import type { FastifyInstance } from 'fastify';

interface RoutePattern {
  readonly pattern: RegExp;
  readonly methods: Set<string>;
}

/**
 * Which methods each path answers, learnt as the routes are registered: a request with another
 * method on a path that exists is answered 405 with `Allow` (RFC 9110), not 404.
 */
export class AllowedMethods {
  private readonly routes = new Map<string, RoutePattern>();

  /** Starts learning the routes: call before they are registered. */
  static learn(fastify: FastifyInstance): AllowedMethods {
    const allowed = new AllowedMethods();
    fastify.addHook('onRoute', ({ url, method }) => {
      for (const one of Array.isArray(method) ? method : [method]) allowed.add(url, one);
    });
    return allowed;
  }

  /** The methods the path answers (none when no route has it), in a stable order. */
  of(path: string): string[] {
    const methods = new Set<string>();
    for (const { pattern, methods: those } of this.routes.values()) {
      if (pattern.test(path)) for (const method of those) methods.add(method);
    }
    return [...methods].sort();
  }

  private add(url: string, method: string): void {
    let route = this.routes.get(url);
    if (route === undefined) {
      route = { pattern: patternOf(url), methods: new Set() };
      this.routes.set(url, route);
    }
    route.methods.add(method.toUpperCase());
  }
}

/** `/v1/entities/:bin/events` matches `/v1/entities/081140000436/events`; `*` matches the rest. */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) =>
      segment === '*' ? '.*' : segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}
