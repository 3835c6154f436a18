import type { INestApplication } from '@nestjs/common';

export interface MountedRoute {
  readonly method: string;
  /** Express syntax: `/api/jobs/:id`. */
  readonly path: string;
  readonly params: readonly string[];
}

interface RouterLayer {
  readonly route?: { readonly path: string; readonly methods: Readonly<Record<string, boolean>> };
}

/** What the running app really serves (its HTTP adapter's router), so a new route is fuzzed without anyone listing it. */
export function mountedRoutes(app: INestApplication): MountedRoute[] {
  const instance: { router?: { stack?: readonly RouterLayer[] } } = app.getHttpAdapter().getInstance();
  const layers = instance.router?.stack ?? [];
  return layers.flatMap((layer) => {
    if (!layer.route) return [];
    const { path, methods } = layer.route;
    const params = [...path.matchAll(/:(\w+)/g)].map((match) => match[1]);
    return Object.keys(methods)
      .filter((method) => methods[method])
      .map((method) => ({ method: method.toUpperCase(), path, params }));
  });
}
