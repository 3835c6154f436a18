import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildThirdPartyAssets, PIXEL_GIF, type ThirdPartyAsset } from './third-party.assets';

let assets: ReadonlyMap<string, ThirdPartyAsset> | null = null;

/**
 * The third-party origin: what a CDN, an analytics vendor and a font host would serve. Cacheable
 * and CORS-open like theirs (a cross-origin web font is fetched in CORS mode).
 */
export function handleThirdParty(request: IncomingMessage, response: ServerResponse, path: string): void {
  const common = { 'access-control-allow-origin': '*', 'timing-allow-origin': '*' };
  if (path === '/collect') {
    response.writeHead(200, { ...common, 'content-type': 'image/gif', 'cache-control': 'no-store' });
    response.end(PIXEL_GIF);
    return;
  }
  assets ??= buildThirdPartyAssets();
  const asset = assets.get(path);
  if (asset === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(404, { ...common, 'content-type': 'text/plain' }).end('not found');
    return;
  }
  response.writeHead(200, {
    ...common,
    'content-type': asset.contentType,
    'content-length': String(asset.body.length),
    'cache-control': 'public, max-age=86400',
  });
  response.end(request.method === 'HEAD' ? undefined : asset.body);
}
