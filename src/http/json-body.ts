import type { IncomingMessage } from 'node:http';
import type { Next, Request, Response } from 'restify';

/**
 * What a request body may be. The routes take small JSON documents (Bot Framework activities,
 * referrals), so anything far beyond them is refused before it costs memory.
 */
export interface JsonBodyLimits {
  /** Bytes on the wire; there is no compression, so also the bytes held in memory. */
  maxBytes: number;
  /** Arrays and objects inside each other. */
  maxDepth: number;
  /** Characters of one string as written in the JSON text (escapes counted as written). */
  maxStringLength: number;
  /** Elements of one array. */
  maxArrayLength: number;
  /** Keys of one object. */
  maxKeys: number;
}

export const DEFAULT_JSON_LIMITS: JsonBodyLimits = {
  // A Teams message is at most about 28 KB; an activity with cards stays well below this.
  maxBytes: 256 * 1024,
  maxDepth: 64,
  maxStringLength: 64 * 1024,
  maxArrayLength: 10_000,
  maxKeys: 1_000,
};

export interface FieldProblem {
  field: string;
  message: string;
}

/** A refused body: the status and the JSON answer, never containing any of the body. */
export interface BodyRefusal {
  status: 400 | 413 | 415;
  body: { error: string; message: string; fields?: FieldProblem[] };
}

const bodyField = (message: string): FieldProblem[] => [{ field: '(body)', message }];

function unsupported(message: string): BodyRefusal {
  return { status: 415, body: { error: 'unsupported_media_type', message } };
}

const JSON_ONLY = 'Send application/json in UTF-8, without Content-Encoding.';

/** Refuses any type but application/json, and any charset but UTF-8. */
function contentTypeProblem(header: string | undefined): BodyRefusal | undefined {
  if (!header) return unsupported(JSON_ONLY);
  const [type, ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return unsupported(JSON_ONLY);
  for (const param of params) {
    const [name, value = ''] = param.split('=', 2).map((s) => s.trim());
    if (name === 'charset' && !['utf-8', 'utf8'].includes(value.replace(/^"|"$/g, ''))) {
      return unsupported(JSON_ONLY);
    }
  }
  return undefined;
}

/**
 * Compression is refused, not decoded: the size limit then counts the bytes that end up in
 * memory (a small gzip body can inflate a thousandfold), and no decoder error can escape.
 */
function encodingProblem(header: string | undefined): BodyRefusal | undefined {
  if (header === undefined) return undefined;
  const codings = header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);
  return codings.every((c) => c === 'identity') ? undefined : unsupported(JSON_ONLY);
}

function tooLarge(limits: JsonBodyLimits): BodyRefusal {
  return {
    status: 413,
    body: {
      error: 'payload_too_large',
      message: `The body may be at most ${limits.maxBytes} bytes.`,
    },
  };
}

function limitExceeded(message: string): BodyRefusal {
  return {
    status: 400,
    body: { error: 'json_limit_exceeded', message, fields: bodyField(message) },
  };
}

/**
 * One pass over the JSON text that finds the first structure beyond the limits, so a
 * 100 000-deep or 100 000-element body is refused before JSON.parse builds it. It does not
 * check the syntax: JSON.parse does that afterwards, on a text known to be within bounds.
 */
export function findLimitBreach(text: string, limits: JsonBodyLimits): string | undefined {
  // Per open container: whether it is an object, and how many commas it has had so far.
  const isObject: boolean[] = [];
  const commas: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22) break;
      }
      if (i - start - 1 > limits.maxStringLength) {
        return `a string is longer than ${limits.maxStringLength} characters`;
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > limits.maxDepth) return `nested deeper than ${limits.maxDepth} levels`;
      isObject[depth] = c === 0x7b;
      commas[depth] = 0;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
      // Unbalanced: not JSON, and JSON.parse will say so.
      if (depth < 0) return undefined;
    } else if (c === 0x2c /* , */ && depth > 0) {
      commas[depth]++;
      // n commas separate n + 1 elements.
      if (isObject[depth] && commas[depth] + 1 > limits.maxKeys) {
        return `an object has more than ${limits.maxKeys} keys`;
      }
      if (!isObject[depth] && commas[depth] + 1 > limits.maxArrayLength) {
        return `an array has more than ${limits.maxArrayLength} elements`;
      }
    }
  }
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

class ProtoKey extends Error {}

function invalidJson(message: string): BodyRefusal {
  return { status: 400, body: { error: 'invalid_json', message, fields: bodyField(message) } };
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; refusal: BodyRefusal };

/**
 * The parsed body, or why it is refused. A `__proto__` key is refused: no route needs one,
 * and code that copies such an object with Object.assign would swap its prototype.
 */
export function parseJsonBody(raw: Buffer, limits: JsonBodyLimits): ParsedBody {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return { ok: false, refusal: invalidJson('The body is not valid UTF-8.') };
  }
  const breach = findLimitBreach(text, limits);
  if (breach) return { ok: false, refusal: limitExceeded(breach) };
  try {
    const value: unknown = JSON.parse(text, (key, v) => {
      if (key === '__proto__') throw new ProtoKey();
      return v;
    });
    return { ok: true, value };
  } catch (err) {
    // JSON.parse's own message quotes the body, so it is never passed on.
    const message =
      err instanceof ProtoKey
        ? 'A key named __proto__ is not accepted.'
        : 'The body is not valid JSON.';
    return { ok: false, refusal: invalidJson(message) };
  }
}

function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && Number(length) > 0;
}

type ReadResult = { bytes: Buffer } | 'too_large' | 'gone';

/** Reads at most `maxBytes`: once over, stops keeping what arrives and resolves 'too_large'. */
function readLimited(req: IncomingMessage, maxBytes: number): Promise<ReadResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: ReadResult) => {
      if (settled) return;
      settled = true;
      chunks.length = 0;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) settle('too_large');
      else chunks.push(chunk);
    });
    req.on('end', () => settle({ bytes: Buffer.concat(chunks, size) }));
    req.on('error', () => settle('gone'));
    req.on('close', () => settle('gone'));
  });
}

export interface JsonBodyOptions {
  limits?: JsonBodyLimits;
  /** Told about each refusal (status and error code only), e.g. for a rate-limited log. */
  onRefused?: (refusal: BodyRefusal) => void;
  /** Told about an error thrown while the request went on to its route. */
  onFailure?: (err: unknown) => void;
}

/**
 * restify handler in place of restify's bodyParser: accepts only an uncompressed UTF-8 JSON
 * body within the limits, sets `req.body` to the parsed value (undefined without a body), and
 * answers 413/415/400 itself otherwise. Nothing is decompressed and nothing is written to disk.
 */
export function jsonBody(options: JsonBodyOptions = {}) {
  const limits = options.limits ?? DEFAULT_JSON_LIMITS;
  const refuse = (res: Response, refusal: BodyRefusal, bodyLeftUnread = true) => {
    options.onRefused?.(refusal);
    // Otherwise Node reads the unread rest of the body off the wire to keep the connection
    // alive, however long it is.
    if (bodyLeftUnread) res.setHeader('connection', 'close');
    res.send(refusal.status, refusal.body);
  };

  return (req: Request, res: Response, next: Next): void => {
    if (!hasBody(req)) {
      req.body = undefined;
      next();
      return;
    }
    const refusal =
      encodingProblem(req.headers['content-encoding']) ??
      contentTypeProblem(req.headers['content-type']);
    if (refusal) {
      refuse(res, refusal);
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > limits.maxBytes) {
      refuse(res, tooLarge(limits));
      return;
    }
    readLimited(req, limits.maxBytes)
      .then((read) => {
        if (read === 'gone') return; // the client left; nobody to answer
        if (read === 'too_large') {
          refuse(res, tooLarge(limits));
          return;
        }
        const parsed = parseJsonBody(read.bytes, limits);
        if (!parsed.ok) {
          refuse(res, parsed.refusal, false);
          return;
        }
        req.body = parsed.value;
        next();
      })
      .catch((err: unknown) => {
        // A handler that throws synchronously inside next() lands here; unhandled, the rejection
        // would end the process.
        options.onFailure?.(err);
        if (!res.headersSent) res.send(500, { error: 'internal_error' });
      });
  };
}
