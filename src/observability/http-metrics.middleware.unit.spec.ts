import type { IncomingMessage } from 'node:http';
import { routeTemplate } from './http-metrics.middleware';

const routed = (fields: { route?: unknown; baseUrl?: string }): IncomingMessage & typeof fields =>
  Object.assign(Object.create(null) as IncomingMessage, fields);

describe('routeTemplate', () => {
  it("names the matched route by its template, and every unmatched request (Nest's catch-all too) alike", () => {
    expect(routeTemplate(routed({ route: { path: '/api/jobs/:id' }, baseUrl: '' }))).toBe('/api/jobs/:id');
    expect(routeTemplate(routed({ route: { path: '/:id' }, baseUrl: '/api/jobs' }))).toBe('/api/jobs/:id');
    expect(routeTemplate(routed({ route: { path: '/api*path' } }))).toBe('unmatched');
    expect(routeTemplate(routed({}))).toBe('unmatched');
  });
});
