import { METHOD_METADATA } from '@nestjs/common/constants';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** One route the running application serves, as `METHOD /path/:param` (Express path syntax). */
export interface ServedRoute {
  key: string;
  method: string;
  path: string;
  /** `Controller.method` for a Nest controller endpoint; undefined for a route mounted otherwise (Swagger UI). */
  handler?: string;
}

interface ExpressLayer {
  route?: {
    path: unknown;
    methods: Record<string, boolean>;
    stack: Array<{ handle: ((...args: unknown[]) => unknown) & { name: string } }>;
  };
}

/**
 * Whether a route layer is one of Nest's middleware bindings rather than an endpoint: the
 * MiddlewareModule mounts every middleware (here nestjs-pino's, for every path) as a route
 * of its own, for all methods or for one, whose function is its `handler` wrapper that
 * calls `next()`. A controller endpoint carries the route metadata Nest copies onto it.
 */
function isMiddlewareBinding(route: NonNullable<ExpressLayer['route']>, methods: string[]): boolean {
  if (route.stack.some((s) => Reflect.getMetadata(METHOD_METADATA, s.handle) !== undefined)) return false;
  return methods.length !== 1 || route.stack.every((s) => s.handle.name === 'handler');
}

/**
 * Every route of the application, read from the Express router that serves it (not from a
 * hand-written list and not from the OpenAPI document): Nest's controller endpoints under
 * their final paths (global prefix applied) and any other route mounted on the app (the
 * Swagger UI). Duplicates are kept, in registration order: a caller may treat them as a fault.
 */
export function servedRoutes(app: NestExpressApplication): ServedRoute[] {
  const instance = app.getHttpAdapter().getInstance() as { router?: { stack?: ExpressLayer[] } };
  const stack = instance.router?.stack;
  if (!Array.isArray(stack)) throw new Error('servedRoutes: the Express app has no router stack (Express 5 expected)');
  const routes: ServedRoute[] = [];
  for (const layer of stack) {
    const route = layer.route;
    if (!route) continue;
    if (typeof route.path !== 'string') throw new Error(`servedRoutes: a route with a non-string path`);
    const methods = Object.keys(route.methods).filter((m) => route.methods[m] && m !== '_all');
    if (route.methods._all || isMiddlewareBinding(route, methods)) continue;
    const method = methods[0].toUpperCase();
    const endpoint = route.stack.find((s) => Reflect.getMetadata(METHOD_METADATA, s.handle) !== undefined);
    routes.push({ key: `${method} ${route.path}`, method, path: route.path, handler: endpoint?.handle.name });
  }
  return routes;
}

/** The path with each `:name` segment replaced by its value (URL-encoded); throws on a missing one. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${path}`);
    return encodeURIComponent(value);
  });
}

/** The `:name` parameters of an Express path, in order. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);
}
