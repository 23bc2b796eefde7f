import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import { z } from 'zod/v4';
import {
  type ComplianceReport,
  complianceCsv,
  MAX_MONTHS,
  OWN_SERIES,
  type ReportRefusal,
  type Reports,
} from '../app/reports';
import type { Locale, StaffMember } from '../domain/roster';
import { ZONE_ID } from '../domain/zone';
import { localeFromTag, readLocale } from '../i18n/i18n';
import type { Logger } from '../logging/logger';
import { rateLimitedLog } from '../logging/rate-limited-log';
import { projectRoot } from '../project-root';
import type { TabAuth, TabAuthOutcome } from './tab-auth';

/*
 * The compliance tab ("Frister"), served by the bot itself: the static page, the two
 * libraries it loads (from node_modules, never a CDN: the page runs inside Teams with the
 * user's token and must not depend on a third party's script), and its JSON API.
 */

const PUBLIC_DIR = path.join(projectRoot, 'public', 'tab');
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** URL → file and type. The page is a handful of files: an allow-list, no directory serving. */
const STATIC_FILES: Record<string, { file: () => string; type: string; immutable?: boolean }> = {
  '/tab/': { file: () => path.join(PUBLIC_DIR, 'index.html'), type: 'text/html' },
  '/tab/index.html': { file: () => path.join(PUBLIC_DIR, 'index.html'), type: 'text/html' },
  '/tab/config.html': { file: () => path.join(PUBLIC_DIR, 'config.html'), type: 'text/html' },
  '/tab/tab.css': { file: () => path.join(PUBLIC_DIR, 'tab.css'), type: 'text/css' },
  '/tab/tab.js': { file: () => path.join(PUBLIC_DIR, 'tab.js'), type: 'text/javascript' },
  '/tab/common.js': { file: () => path.join(PUBLIC_DIR, 'common.js'), type: 'text/javascript' },
  '/tab/config.js': { file: () => path.join(PUBLIC_DIR, 'config.js'), type: 'text/javascript' },
  '/tab/vendor/teams-js.min.js': {
    file: () => path.join(packageDir('@microsoft/teams-js'), 'dist/umd/MicrosoftTeams.min.js'),
    type: 'text/javascript',
    immutable: true,
  },
  // The "common" build: line and bar charts, mark lines, legend, tooltip and the aria
  // description, at two thirds of the full build's size (240 KB gzipped instead of 370).
  '/tab/vendor/echarts.min.js': {
    file: () => path.join(packageDir('echarts'), 'dist/echarts.common.min.js'),
    type: 'text/javascript',
    immutable: true,
  },
};

/**
 * Teams shows the tab in a frame of its own clients; nobody else may frame it. Scripts come
 * from here only. ECharts' SVG renderer writes style attributes, hence the inline styles.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  'frame-ancestors teams.microsoft.com *.teams.microsoft.com *.teams.microsoft.us ' +
    '*.skype.com *.office.com outlook.office.com outlook.office365.com *.microsoft365.com ' +
    '*.cloud.microsoft local.teams.office.com',
].join('; ');

/** The paths the tab's pages and scripts are served at (the manifest's URLs point here). */
export const TAB_PATHS: readonly string[] = Object.keys(STATIC_FILES);

interface StaticFile {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
}

const cache = new Map<string, StaticFile>();

function staticFile(url: string): StaticFile {
  let found = cache.get(url);
  if (!found) {
    const body = fs.readFileSync(STATIC_FILES[url].file());
    found = {
      body,
      gzipped: gzipSync(body),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    };
    cache.set(url, found);
  }
  return found;
}

function serveStatic(url: string) {
  const { type, immutable } = STATIC_FILES[url];
  return async (req: Request, res: Response) => {
    const file = staticFile(url);
    const headers: Record<string, string> = {
      'Content-Type': `${type}; charset=utf-8`,
      ETag: file.etag,
      // The page changes with a deploy: revalidated with the ETag every time. The libraries
      // change only with an npm update, and are large: a day.
      'Cache-Control': immutable ? 'public, max-age=86400' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      Vary: 'Accept-Encoding',
    };
    if (type === 'text/html') headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    if (req.headers['if-none-match'] === file.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? file.gzipped : file.body;
    if (gzip) headers['Content-Encoding'] = 'gzip';
    headers['Content-Length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/* ----------------------------------------------------------------------------------------------
 * Strings: the page's texts, the figures' labels and definitions, and the steps' names.
 * -------------------------------------------------------------------------------------------- */

export interface PageStrings {
  locale: Locale;
  strings: Record<string, unknown>;
}

const stringsCache = new Map<Locale, PageStrings>();

/** The reports area's strings (locales/<locale>.reports.json) plus the routine's step names. */
export function pageStrings(locale: Locale): PageStrings {
  let found = stringsCache.get(locale);
  if (!found) {
    const all = readLocale(locale);
    const cases = (all.cases ?? {}) as Record<string, unknown>;
    found = {
      locale,
      strings: {
        ...((all.reports ?? {}) as Record<string, unknown>),
        steps: cases.deadlineKeys ?? {},
      },
    };
    stringsCache.set(locale, found);
  }
  return found;
}

/** A figure's label in a locale, read as the page reads it. */
function figureLabel(locale: Locale, id: string): string {
  const figures = pageStrings(locale).strings.figures as
    | Record<string, { label?: string }>
    | undefined;
  return figures?.[id]?.label ?? id;
}

/* ----------------------------------------------------------------------------------------------
 * The API.
 * -------------------------------------------------------------------------------------------- */

const localeQuery = z.string().max(35).optional();

/** What the page may ask; anything else is refused, so a typo does not silently mean "all". */
export const complianceQuerySchema = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
      .optional(),
    zone: z.string().regex(ZONE_ID, 'a zone id').optional(),
    months: z.coerce.number().int().min(1).max(MAX_MONTHS).optional(),
    locale: localeQuery,
  })
  .strict();

const REFUSAL_STATUS: Record<ReportRefusal, 400 | 403> = {
  forbidden: 403,
  zone_not_allowed: 403,
  future_month: 400,
};

export interface TabRoutesDeps {
  reports: Reports;
  authenticate: TabAuth;
  defaultLocale: Locale;
  logger: Logger;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

const json = (res: Response, { status, body, headers }: Answer) => {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(JSON.stringify(body));
};

/** The answer for a refused token: the reason is a fixed word, never the token's content. */
function authAnswer(outcome: Extract<TabAuthOutcome, { ok: false }>): Answer {
  if (outcome.status === 503) {
    return {
      status: 503,
      body: { error: 'tab_sso_not_configured', missing: outcome.missing ?? [] },
    };
  }
  if (outcome.status === 401) {
    return {
      status: 401,
      body: { error: 'unauthorized', reason: outcome.reason },
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    };
  }
  return {
    status: 403,
    body: { error: 'forbidden', reason: outcome.reason },
    ...(outcome.reason === 'insufficient_scope' && {
      headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="access_as_user"' },
    }),
  };
}

/** Mounts the tab's pages and API on the bot's server. */
export function tabRoutes(deps: TabRoutesDeps) {
  const { reports, authenticate, defaultLocale, logger } = deps;
  // Anyone can send a bad token: the log is rate-limited, and names no value.
  const refused = rateLimitedLog(logger, 'warn', 'tab request refused');

  const signedIn = async (req: Request, res: Response): Promise<StaffMember | undefined> => {
    const outcome = await authenticate(req.headers);
    if (outcome.ok) return outcome.member;
    refused({ status: outcome.status, reason: outcome.reason });
    json(res, authAnswer(outcome));
    return undefined;
  };

  const parseQuery = (req: Request, res: Response) => {
    const parsed = complianceQuerySchema.safeParse(req.query ?? {});
    if (parsed.success) return parsed.data;
    json(res, {
      status: 400,
      body: {
        error: 'invalid_query',
        // Names the fields, never repeats the values.
        fields: parsed.error.issues.map((i) => ({
          field:
            i.path.map(String).join('.') || String(i.code === 'unrecognized_keys' ? i.keys : ''),
          message: i.code === 'unrecognized_keys' ? 'not a parameter of this API' : i.message,
        })),
      },
    });
    return undefined;
  };

  /** The report, or an answer already sent. */
  const report = async (
    req: Request,
    res: Response,
  ): Promise<{ report: ComplianceReport; locale: Locale } | undefined> => {
    // Who asks first: nobody learns the API's parameters without a token.
    const member = await signedIn(req, res);
    if (!member) return undefined;
    const query = parseQuery(req, res);
    if (!query) return undefined;
    const started = performance.now();
    const result = await reports.compliance(member, query);
    if (!result.ok) {
      json(res, { status: REFUSAL_STATUS[result.reason], body: { error: result.reason } });
      return undefined;
    }
    res.setHeader('Server-Timing', `figures;dur=${(performance.now() - started).toFixed(1)}`);
    // The Teams client's language (the page passes it) before the roster's.
    const locale = query.locale
      ? localeFromTag(query.locale, defaultLocale)
      : (member.locale ?? defaultLocale);
    return { report: result.report, locale };
  };

  return (server: restify.Server) => {
    for (const url of Object.keys(STATIC_FILES)) {
      server.get(url, serveStatic(url));
      server.head(url, serveStatic(url));
    }
    server.get('/tab', async (_req: Request, res: Response) => {
      res.writeHead(301, { Location: '/tab/' });
      res.end();
    });

    // Not secret: the page needs its texts before it can know whether it runs in Teams.
    server.get('/api/reports/strings', async (req: Request, res: Response) => {
      const parsed = z.object({ locale: localeQuery }).safeParse(req.query ?? {});
      const tag = parsed.success ? parsed.data.locale : undefined;
      json(res, {
        status: 200,
        body: pageStrings(localeFromTag(tag, defaultLocale)),
        headers: { 'Cache-Control': 'public, max-age=300' },
      });
    });

    server.get('/api/reports/zones', async (req: Request, res: Response) => {
      const member = await signedIn(req, res);
      if (!member) return;
      const zones = await reports.zones(member);
      if (!zones.ok) {
        json(res, { status: 403, body: { error: 'forbidden' } });
        return;
      }
      json(res, {
        status: 200,
        body: { viewer: { name: member.name }, scope: zones.scope, zones: zones.zones },
      });
    });

    server.get('/api/reports/compliance', async (req: Request, res: Response) => {
      const answer = await report(req, res);
      if (answer) json(res, { status: 200, body: answer.report });
    });

    server.get('/api/reports/compliance.csv', async (req: Request, res: Response) => {
      const answer = await report(req, res);
      if (!answer) return;
      const { report: r, locale } = answer;
      const own = pageStrings(locale).strings.own;
      const csv = complianceCsv(r, {
        figure: (id) => figureLabel(locale, id),
        series: (s) => s.name ?? (s.id === OWN_SERIES && typeof own === 'string' ? own : s.id),
      });
      const name = `frister-${r.zone ?? (r.scope === 'own' ? 'mine' : 'soner')}-${r.month}.csv`;
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      // The byte order mark makes Excel read the file as UTF-8 (æ, ø, å in the labels).
      res.end(`\uFEFF${csv}`);
    });
  };
}
