import type { IncomingMessage } from 'node:http';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Form fields as received; a file becomes `{"filename":…,"size":…}` (empty when no file was chosen). */
export async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  const body = await readBody(request);
  const contentType = request.headers['content-type'] ?? '';
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (contentType.startsWith('multipart/form-data') && boundary) {
    return parseMultipart(body, boundary[1] ?? boundary[2]);
  }
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
}

function parseMultipart(body: Buffer, boundary: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    // Each part sits between "\r\n" after the delimiter and "\r\n" before the next one.
    addPart(fields, body.subarray(partStart + 2, next - 2));
    start = next;
  }
  return fields;
}

function addPart(fields: Record<string, string>, part: Buffer): void {
  const headerEnd = part.indexOf('\r\n\r\n');
  if (headerEnd === -1) return;
  const headers = part.subarray(0, headerEnd).toString('utf8');
  const content = part.subarray(headerEnd + 4);
  const name = /name="([^"]*)"/i.exec(headers)?.[1];
  if (name === undefined) return;
  const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
  if (filename === undefined) {
    fields[name] = content.toString('utf8');
    return;
  }
  fields[name] = filename === '' && content.length === 0 ? '' : JSON.stringify({ filename, size: content.length });
}
