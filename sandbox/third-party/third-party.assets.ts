import { crc32, deflateSync } from 'node:zlib';
import { seededRandom } from '../sandbox.state';

/** One asset of the third-party origin, built once in memory (nothing heavy is kept in git). */
export interface ThirdPartyAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

export const HERO_WIDTH = 1280;
export const HERO_HEIGHT = 480;

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([length, typed, crc]);
}

/** A valid RGB PNG: a gradient with seeded noise, so it neither compresses away nor decodes for free. */
export function heroPng(width = HERO_WIDTH, height = HERO_HEIGHT, seed = 7): Buffer {
  const random = seededRandom(seed);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x += 1) {
      const noise = Math.floor(random() * 24);
      const at = row + 1 + x * 3;
      raw[at] = (40 + Math.floor((x / width) * 160) + noise) & 0xff;
      raw[at + 1] = (90 + Math.floor((y / height) * 120) + noise) & 0xff;
      raw[at + 2] = (160 + noise) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, adaptive filters, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

/**
 * Web-font weight only: a WOFF2 signature followed by seeded bytes. Chromium downloads it (the cost
 * blocking saves) and then rejects it as a font, falling back to the next family.
 */
export function fontBytes(size = 48 * 1024, seed = 11): Buffer {
  const random = seededRandom(seed);
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1) bytes[i] = Math.floor(random() * 256);
  bytes.write('wOF2', 0, 'latin1');
  return bytes;
}

/** An analytics-like tag: ~60 KB of script to parse and run, then a pixel back to its own origin. */
export function analyticsScript(functions = 400): string {
  const body = Array.from(
    { length: functions },
    (_, i) => `function m${i}(x){var s=${i};for(var j=0;j<${3 + (i % 7)};j++){s=(s*31+x+j)%100003;}return s;}`,
  ).join('\n');
  const calls = Array.from({ length: functions }, (_, i) => `m${i}`).join(',');
  return `(function(){\n'use strict';\n${body}
var fns=[${calls}];var acc=0;for(var k=0;k<fns.length;k++){acc=(acc+fns[k](k))%100003;}
var origin=new URL(document.currentScript?document.currentScript.src:location.href).origin;
window.__sbxAnalytics={events:[{type:'pageview',path:location.pathname,checksum:acc}]};
try{document.cookie='_sbx_ga=GA1.'+acc+'; path=/; SameSite=Lax';}catch(e){}
var pixel=new Image(1,1);pixel.src=origin+'/collect?t=pageview&dp='+encodeURIComponent(location.pathname)+'&cs='+acc;
})();\n`;
}

/** A framework-sized stylesheet (utility classes) that also declares the brand web font. */
export function siteStylesheet(rules = 600): string {
  const utilities = Array.from(
    { length: rules },
    (_, i) => `.u-${i}{margin:${i % 9}px ${i % 5}px;padding:${i % 7}px;color:#${(0x111111 + i * 2731).toString(16).slice(-6)};}`,
  ).join('\n');
  return `@font-face{font-family:"Sandbox Sans";src:url("/fonts/sandbox-sans.woff2") format("woff2");font-display:swap;}
html body{font-family:"Sandbox Sans",system-ui,sans-serif;}
.hero-banner img{display:block;width:100%;height:auto;max-height:320px;object-fit:cover;}
${utilities}\n`;
}

/** The classic 1×1 transparent GIF an analytics pixel answers with. */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Paths of the third-party origin and what each serves; built on first use. */
export function buildThirdPartyAssets(): ReadonlyMap<string, ThirdPartyAsset> {
  return new Map<string, ThirdPartyAsset>([
    ['/js/analytics.js', { contentType: 'text/javascript; charset=utf-8', body: Buffer.from(analyticsScript()) }],
    ['/static/site.css', { contentType: 'text/css; charset=utf-8', body: Buffer.from(siteStylesheet()) }],
    ['/fonts/sandbox-sans.woff2', { contentType: 'font/woff2', body: fontBytes() }],
    ['/img/hero.png', { contentType: 'image/png', body: heroPng() }],
  ]);
}
