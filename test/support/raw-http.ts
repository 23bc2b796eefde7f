import { createSign, type KeyObject } from 'node:crypto';
import http from 'node:http';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers inspected by tests
  json(): any;
}

export const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * One request with exactly these bytes and headers: fetch would add a content type, refuse
 * some headers and cannot send a body with GET.
 */
export function sendRaw(
  baseUrl: string,
  route: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}${route}`,
      {
        method: options.method ?? 'POST',
        headers: {
          ...(body ? { 'content-length': String(body.length) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Writes `bytes` of a chunked body and never ends it; resolves with the status of the answer,
 * which must therefore come before the body's end.
 */
export function sendUnendingBody(baseUrl: string, route: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl}${route}`, { method: 'POST', headers: JSON_TYPE });
    req.on('response', (res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    req.on('error', reject);
    req.write(Buffer.alloc(bytes, 0x20));
  });
}

export function multipartForm(content: string): { type: string; body: string } {
  const boundary = 'hsyre-boundary';
  const body = [
    `--${boundary}`,
    'Content-Disposition: form-data; name="file"; filename="upload.json"',
    'Content-Type: application/json',
    '',
    content,
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { type: `multipart/form-data; boundary=${boundary}`, body };
}

const base64url = (value: object | Buffer) =>
  (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

/** A JWT shaped exactly like a Bot Connector token for `appId`, signed with `key`. */
export function botToken(key: KeyObject, kid: string, appId: string, serviceUrl: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: 'RS256', typ: 'JWT', kid, x5t: kid });
  const payload = base64url({
    iss: 'https://api.botframework.com',
    aud: appId,
    serviceurl: serviceUrl,
    nbf: now - 60,
    exp: now + 3600,
  });
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${payload}`);
  return `${header}.${payload}.${base64url(signer.sign(key))}`;
}
