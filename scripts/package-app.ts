/**
 * `npm run package`: fills the placeholders of manifest/manifest.json and its localization files
 * from the environment (and `.env`), checks the result offline against the bundled Teams JSON
 * schemas and Teams' rules, checks the icons, and writes the app package
 * build/appPackage/hsyre-boten-<version>.zip, ready to upload in Teams. See manifest/README.md.
 *
 *   node -r ts-node/register/transpile-only scripts/package-app.ts
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import dotenv from 'dotenv';
import { z } from 'zod/v4';
import { appPackageErrors, manifestShape } from './manifest/validate-manifest';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const MANIFEST_DIR = path.join(PROJECT_ROOT, 'manifest');
export const DEFAULT_OUT_DIR = path.join(PROJECT_ROOT, 'build', 'appPackage');

/** `${{NAME}}` in any string of the manifest or a localization file. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/**
 * Namespace of the default Teams app id: a UUID v5 of the bot's app id in it, so the same bot
 * always packages as the same Teams app (a new version replaces the old one on upload).
 */
const TEAMS_APP_ID_NAMESPACE = 'cfec36b6-fa01-40c5-be08-08a1c48ff950';

/** The problems that stop packaging, one line each. */
export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot package the Teams app:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(blankAsUndefined, schema.optional());

const guid = (what: string) =>
  z
    .string({ error: `is missing: set it to ${what}` })
    .trim()
    .regex(GUID, `must be a GUID like 01234567-89ab-cdef-0123-456789abcdef (${what})`);

function hostNameProblem(value: string): string | undefined {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value);
  if (scheme) {
    const host = value.slice(scheme[0].length).split(/[/?#]/)[0];
    return `must be the host name only, without "${scheme[0]}": e.g. ${host}`;
  }
  if (/[/?#]/.test(value)) return 'must be the host name only, without a path';
  if (value.includes(':')) return 'must be the host name only, without a port';
  if (value.includes('*')) return "must be the bot's own host name, not a wildcard";
  if (!HOST_NAME.test(value)) {
    return `"${value}" is not a host name like hsyre-xyz.azurewebsites.net`;
  }
  return undefined;
}

const httpsUrl = z.string().superRefine((value, ctx) => {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', message: 'must be an https:// URL' });
  }
});

/** The environment variables packaging reads; only MICROSOFT_APP_ID and BOT_DOMAIN are required. */
export const packagingEnvSchema = z.object({
  MICROSOFT_APP_ID: z.preprocess(
    blankAsUndefined,
    guid("the bot's Microsoft App ID, from the Azure Bot's app registration"),
  ),
  BOT_DOMAIN: z.preprocess(
    blankAsUndefined,
    z
      .string({
        error:
          "is missing: set it to the host name of the bot's web app, e.g. hsyre-xyz.azurewebsites.net",
      })
      .trim()
      .superRefine((value, ctx) => {
        const problem = hostNameProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .transform((value) => value.toLowerCase()),
  ),
  TEAMS_APP_ID: optional(guid('the Teams app id')),
  APP_VERSION: optional(z.string().trim().regex(SEMVER, 'must be major.minor.patch, e.g. 1.2.0')),
  PUBLISHER_NAME: optional(z.string().trim().max(32, 'must be at most 32 characters')),
  PUBLISHER_WEBSITE: optional(httpsUrl),
  PRIVACY_URL: optional(httpsUrl),
  TERMS_URL: optional(httpsUrl),
});

export const DEFAULT_PUBLISHER_NAME = 'Kommunal hjemmesykepleie';

/** A UUID v5 (RFC 4122) of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}

/** The Teams app id used when TEAMS_APP_ID is not set: derived from the bot's app id. */
export const defaultTeamsAppId = (microsoftAppId: string) =>
  uuidV5(microsoftAppId.toLowerCase(), TEAMS_APP_ID_NAMESPACE);

function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
  return z.object({ version: z.string() }).parse(pkg).version;
}

/**
 * The value of every placeholder, from the environment, with the defaults filled in.
 * Throws a PackageError that names every missing or invalid variable.
 */
export function placeholderValues(env: NodeJS.ProcessEnv): Record<string, string> {
  const parsed = packagingEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new PackageError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  const e = parsed.data;
  const botSite = `https://${e.BOT_DOMAIN}/`;
  const version = e.APP_VERSION ?? packageVersion();
  if (!SEMVER.test(version)) {
    throw new PackageError([`package.json version "${version}" must be major.minor.patch`]);
  }
  return {
    MICROSOFT_APP_ID: e.MICROSOFT_APP_ID.toLowerCase(),
    BOT_DOMAIN: e.BOT_DOMAIN,
    TEAMS_APP_ID: (e.TEAMS_APP_ID ?? defaultTeamsAppId(e.MICROSOFT_APP_ID)).toLowerCase(),
    APP_VERSION: version,
    PUBLISHER_NAME: e.PUBLISHER_NAME ?? DEFAULT_PUBLISHER_NAME,
    PUBLISHER_WEBSITE: e.PUBLISHER_WEBSITE ?? botSite,
    PRIVACY_URL: e.PRIVACY_URL ?? botSite,
    TERMS_URL: e.TERMS_URL ?? botSite,
  };
}

/**
 * `value` with every `${{NAME}}` in its strings replaced by `values[NAME]`. Replacing inside the
 * parsed JSON (not the text) keeps quotes or backslashes in a value from breaking the JSON.
 * Placeholders without a value are reported in `unknown` and left as they are.
 */
export function fillPlaceholders(
  value: unknown,
  values: Readonly<Record<string, string>>,
  unknown: Set<string> = new Set(),
): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (whole, name: string) => {
      if (Object.hasOwn(values, name)) return values[name];
      unknown.add(name);
      return whole;
    });
  }
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, values, unknown));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v, values, unknown)]),
    );
  }
  return value;
}

/** The placeholder names used anywhere in `value`. */
export function placeholdersIn(value: unknown): string[] {
  const names = new Set<string>();
  fillPlaceholders(value, {}, names);
  return [...names].sort();
}

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

export interface FilledApp {
  manifest: unknown;
  /** The files of the package by name in the zip, manifest.json first. */
  files: Map<string, Buffer>;
}

/** Reads the templates and icons from `manifestDir`, fills them and checks the result. */
export function buildApp(
  values: Readonly<Record<string, string>>,
  manifestDir: string = MANIFEST_DIR,
): FilledApp {
  const unknown = new Set<string>();
  const template = readJson(path.join(manifestDir, 'manifest.json'));
  const manifest = fillPlaceholders(template, values, unknown);
  const shape = manifestShape.safeParse(manifest);
  if (!shape.success) {
    throw new PackageError([`manifest/manifest.json: ${z.prettifyError(shape.error)}`]);
  }
  const localizations = new Map<string, unknown>();
  for (const { file } of shape.data.localizationInfo?.additionalLanguages ?? []) {
    const source = path.join(manifestDir, file);
    if (fs.existsSync(source)) {
      localizations.set(file, fillPlaceholders(readJson(source), values, unknown));
    }
  }
  if (unknown.size > 0) {
    throw new PackageError(
      [...unknown].map((name) => `the manifest uses \${{${name}}}, which has no value`),
    );
  }
  const iconFile = (name: string) => path.join(manifestDir, name);
  const missingIcons = [shape.data.icons.color, shape.data.icons.outline].filter(
    (name) => !fs.existsSync(iconFile(name)),
  );
  if (missingIcons.length > 0) {
    throw new PackageError(missingIcons.map((name) => `manifest/${name}: missing`));
  }
  const icons = {
    color: fs.readFileSync(iconFile(shape.data.icons.color)),
    outline: fs.readFileSync(iconFile(shape.data.icons.outline)),
  };
  const errors = appPackageErrors({ manifest, localizations, icons });
  if (errors.length > 0) throw new PackageError(errors);

  const json = (v: unknown) => Buffer.from(`${JSON.stringify(v, null, 2)}\n`, 'utf8');
  const files = new Map<string, Buffer>([['manifest.json', json(manifest)]]);
  for (const [file, localization] of localizations) files.set(file, json(localization));
  files.set(shape.data.icons.color, icons.color);
  files.set(shape.data.icons.outline, icons.outline);
  return { manifest, files };
}

export interface PackageOptions {
  env?: NodeJS.ProcessEnv;
  manifestDir?: string;
  outDir?: string;
}

export interface PackageResult {
  zipPath: string;
  values: Record<string, string>;
}

/** Writes `<outDir>/hsyre-boten-<version>.zip`; throws a PackageError naming every problem. */
export function packageApp(options: PackageOptions = {}): PackageResult {
  const values = placeholderValues(options.env ?? process.env);
  const { files } = buildApp(values, options.manifestDir);
  const zip = new AdmZip();
  for (const [name, bytes] of files) zip.addFile(name, bytes);
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `hsyre-boten-${values.APP_VERSION}.zip`);
  fs.writeFileSync(zipPath, zip.toBuffer());
  return { zipPath, values };
}

if (require.main === module) {
  dotenv.config({ path: path.join(PROJECT_ROOT, '.env'), quiet: true });
  try {
    const { zipPath, values } = packageApp();
    console.log(`Teams app package written: ${path.relative(process.cwd(), zipPath)}`);
    console.log(
      `  Teams app id ${values.TEAMS_APP_ID}, version ${values.APP_VERSION}, ` +
        `bot ${values.MICROSOFT_APP_ID} at ${values.BOT_DOMAIN}`,
    );
  } catch (error) {
    console.error(error instanceof PackageError ? error.message : error);
    process.exitCode = 1;
  }
}
