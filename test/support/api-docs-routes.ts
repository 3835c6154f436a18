import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { MountedRoute } from './fuzz/route-table';

/** `METHOD /api/jobs/{id}`: how a route and an operation are compared. */
export type RouteKey = string;

const DOCS_ROUTE = /^\/api\/docs(\/|$)/;

/** Express `/api/jobs/:id` as OpenAPI writes it: `/api/jobs/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

/** The served routes, less the docs' own (the UI and the document are not API operations). */
export function apiRouteKeys(routes: readonly MountedRoute[]): RouteKey[] {
  return routes
    .filter((route) => !DOCS_ROUTE.test(route.path))
    .map((route) => `${route.method} ${openApiPath(route.path)}`)
    .sort();
}

export function documentedKeys(document: OpenAPIObject): RouteKey[] {
  return Object.entries(document.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => HTTP_METHODS.has(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Served routes the document does not list: empty when every route is documented. */
export function undocumentedRoutes(routes: readonly MountedRoute[], document: OpenAPIObject): RouteKey[] {
  const documented = new Set(documentedKeys(document));
  return apiRouteKeys(routes).filter((key) => !documented.has(key));
}

export interface GuardedRoute {
  readonly key: RouteKey;
  readonly guards: readonly string[];
  /** The handler takes `@Body()`. */
  readonly readsBody: boolean;
}

/** Every controller route Nest knows, with the guards on its class and handler and whether it reads a body (Nest's own metadata). */
export function guardedRoutes(app: INestApplication, prefix = '/api'): GuardedRoute[] {
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].map((wrapper) => wrapper.metatype).filter((type): type is Type => typeof type === 'function'),
  );
  return [...new Set(controllers)].flatMap((controller) => routesOf(controller, prefix));
}

function routesOf(controller: Type, prefix: string): GuardedRoute[] {
  const proto = controller.prototype as Record<string, unknown>;
  const classGuards = guardNames(controller);
  return Object.getOwnPropertyNames(proto).flatMap((name) => {
    const handler = proto[name];
    if (name === 'constructor' || typeof handler !== 'function') return [];
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined) return [];
    const path = joinPath(prefix, Reflect.getMetadata(PATH_METADATA, controller), Reflect.getMetadata(PATH_METADATA, handler));
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, unknown>;
    const readsBody = Object.keys(args).some((arg) => arg.split(':')[0] === String(RouteParamtypes.BODY));
    return [{ key: `${RequestMethod[method]} ${openApiPath(path)}`, guards: [...classGuards, ...guardNames(handler)], readsBody }];
  });
}

function guardNames(target: object): string[] {
  const guards = (Reflect.getMetadata(GUARDS_METADATA, target) ?? []) as readonly (Type | object)[];
  return guards.map((guard) => (typeof guard === 'function' ? guard.name : guard.constructor.name));
}

function joinPath(...parts: unknown[]): string {
  const joined = parts.filter((part): part is string => typeof part === 'string' && part !== '').join('/');
  return `/${joined.split('/').filter(Boolean).join('/')}`;
}
