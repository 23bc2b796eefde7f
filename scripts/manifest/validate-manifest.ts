/**
 * Offline checks of the Teams app package: the manifest and its localization files against the
 * JSON schemas bundled in @microsoft/app-manifest (no network), the limits Teams applies on top
 * of the schema, and the icons. Used by `npm run package` and by test/manifest.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import { z } from 'zod/v4';

/** The manifest schema the app uses: the newest generally available one bundled with the SDK. */
export const MANIFEST_VERSION = '1.30';
const SCHEMA_BASE = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}`;
export const MANIFEST_SCHEMA_URL = `${SCHEMA_BASE}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA_URL = `${SCHEMA_BASE}/MicrosoftTeams.Localization.schema.json`;

/** The bundled copy of the schemas at `MANIFEST_SCHEMA_URL` and `LOCALIZATION_SCHEMA_URL`. */
export const SCHEMA_DIR = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest')),
  'json-schemas',
  'teams',
  `v${MANIFEST_VERSION}`,
);

/** Limits from Teams' documentation that the schema itself does not enforce. */
export const LIMITS = { commandsPerList: 10, commandTitle: 32, commandDescription: 128 };

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

let validators: { manifest: ValidateFunction; localization: ValidateFunction } | undefined;

function compiledValidators() {
  if (!validators) {
    // The Teams schemas are draft-04 and use patterns that are invalid as unicode regexps.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv, ['uri']);
    const load = (file: string): object =>
      JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8'));
    validators = {
      manifest: ajv.compile(load('MicrosoftTeams.schema.json')),
      localization: ajv.compile(load('MicrosoftTeams.Localization.schema.json')),
    };
  }
  return validators;
}

function formatErrors(errors: ErrorObject[] | null | undefined, file: string): string[] {
  return (errors ?? []).map((e) => {
    const params = Object.keys(e.params).length > 0 ? ` ${JSON.stringify(e.params)}` : '';
    return `${file}${e.instancePath || '/'}: ${e.message ?? 'is invalid'}${params}`;
  });
}

/** Schema errors of a (filled) manifest; none when it is valid. */
export function manifestSchemaErrors(manifest: unknown, file = 'manifest.json'): string[] {
  const { manifest: validate } = compiledValidators();
  return validate(manifest) ? [] : formatErrors(validate.errors, file);
}

/** Schema errors of a localization file; none when it is valid. */
export function localizationSchemaErrors(localization: unknown, file: string): string[] {
  const { localization: validate } = compiledValidators();
  return validate(localization) ? [] : formatErrors(validate.errors, file);
}

const commandShape = z.object({ title: z.string(), description: z.string().optional() });
const commandListShape = z.object({ scopes: z.array(z.string()), commands: z.array(commandShape) });

/** The parts of a manifest these checks read (the schema checks the rest). */
export const manifestShape = z.object({
  $schema: z.string().optional(),
  manifestVersion: z.string(),
  version: z.string(),
  id: z.string(),
  icons: z.object({ color: z.string(), outline: z.string() }),
  localizationInfo: z
    .object({
      defaultLanguageTag: z.string(),
      additionalLanguages: z
        .array(z.object({ languageTag: z.string(), file: z.string() }))
        .optional(),
    })
    .optional(),
  bots: z
    .array(
      z.object({
        botId: z.string(),
        scopes: z.array(z.string()),
        commandLists: z.array(commandListShape).optional(),
      }),
    )
    .optional(),
});
export type ManifestShape = z.infer<typeof manifestShape>;

export interface CommandRef {
  list: number;
  index: number;
  scopes: string[];
  title: string;
  description?: string;
}

/** Every command of the (single) bot, with its position in `bots[0].commandLists`. */
export function botCommands(manifest: ManifestShape): CommandRef[] {
  const lists = manifest.bots?.[0]?.commandLists ?? [];
  return lists.flatMap((list, listIndex) =>
    list.commands.map((command, index) => ({
      list: listIndex,
      index,
      scopes: list.scopes,
      title: command.title,
      description: command.description,
    })),
  );
}

/** The localization key of a command's field, e.g. `bots[0].commandLists[1].commands[2].title`. */
export const commandKey = (c: CommandRef, field: 'title' | 'description') =>
  `bots[0].commandLists[${c.list}].commands[${c.index}].${field}`;

/** Teams' rules beyond the schema, and this app's own: one command means the same everywhere. */
export function manifestRuleErrors(manifest: ManifestShape, file = 'manifest.json'): string[] {
  const errors: string[] = [];
  if (manifest.manifestVersion !== MANIFEST_VERSION) {
    errors.push(`${file}: manifestVersion must be ${MANIFEST_VERSION}`);
  }
  if (manifest.$schema !== MANIFEST_SCHEMA_URL) {
    errors.push(`${file}: $schema must be ${MANIFEST_SCHEMA_URL}`);
  }
  if (!SEMVER.test(manifest.version)) {
    errors.push(`${file}: version "${manifest.version}" must be major.minor.patch, e.g. 1.0.0`);
  }
  const lists = manifest.bots?.[0]?.commandLists ?? [];
  lists.forEach((list, i) => {
    if (list.commands.length > LIMITS.commandsPerList) {
      errors.push(`${file}: commandLists[${i}] has more than ${LIMITS.commandsPerList} commands`);
    }
    const titles = list.commands.map((c) => c.title);
    if (new Set(titles).size !== titles.length) {
      errors.push(`${file}: commandLists[${i}] lists a command twice`);
    }
  });
  const seen = new Map<string, CommandRef>();
  for (const c of botCommands(manifest)) {
    const where = `${file} ${commandKey(c, 'title')}`;
    if (c.title.length > LIMITS.commandTitle) {
      errors.push(`${where}: "${c.title}" is longer than ${LIMITS.commandTitle} characters`);
    }
    if (!c.description) errors.push(`${where}: "${c.title}" has no description`);
    else if (c.description.length > LIMITS.commandDescription) {
      errors.push(`${where}: the description is longer than ${LIMITS.commandDescription}`);
    }
    const first = seen.get(c.title);
    if (!first) seen.set(c.title, c);
    else if (first.description !== c.description) {
      errors.push(`${where}: "${c.title}" is described differently in commandLists[${first.list}]`);
    }
  }
  return errors;
}

/**
 * A localization file against its schema and the manifest: it translates the names, the
 * descriptions and every command's title and description, and has no key for a command the
 * manifest does not have. A command translates the same in every list it is in.
 */
export function localizationErrors(
  manifest: ManifestShape,
  localization: unknown,
  file: string,
): string[] {
  const errors = localizationSchemaErrors(localization, file);
  if (typeof localization !== 'object' || localization === null) return errors;
  const strings = new Map(Object.entries(localization));
  if (strings.get('$schema') !== LOCALIZATION_SCHEMA_URL) {
    errors.push(`${file}: $schema must be ${LOCALIZATION_SCHEMA_URL}`);
  }
  for (const key of ['name.short', 'name.full', 'description.short', 'description.full']) {
    if (!strings.has(key)) errors.push(`${file}: "${key}" is not translated`);
  }
  const commands = botCommands(manifest);
  const expected = new Set(
    commands.flatMap((c) => [commandKey(c, 'title'), commandKey(c, 'description')]),
  );
  for (const key of strings.keys()) {
    if (key.startsWith('bots[') && !expected.has(key)) {
      errors.push(`${file}: "${key}" is not a command field in the manifest`);
    }
  }
  const translations = new Map<string, string>();
  for (const c of commands) {
    const title = strings.get(commandKey(c, 'title'));
    const description = strings.get(commandKey(c, 'description'));
    if (typeof title !== 'string' || typeof description !== 'string') {
      errors.push(
        `${file}: the command "${c.title}" (${commandKey(c, 'title')}) is not translated`,
      );
      continue;
    }
    if (title.length > LIMITS.commandTitle) {
      errors.push(`${file}: "${title}" is longer than ${LIMITS.commandTitle} characters`);
    }
    if (description.length > LIMITS.commandDescription) {
      errors.push(
        `${file} ${commandKey(c, 'description')}: longer than ${LIMITS.commandDescription}`,
      );
    }
    const translation = `${title}\n${description}`;
    const earlier = translations.get(c.title);
    if (earlier === undefined) translations.set(c.title, translation);
    else if (earlier !== translation) {
      errors.push(`${file}: the command "${c.title}" is translated differently in different lists`);
    }
  }
  return errors;
}

function readPng(bytes: Buffer, file: string): PNG | string {
  try {
    return PNG.sync.read(bytes);
  } catch (error) {
    return `${file}: not a readable PNG (${error instanceof Error ? error.message : error})`;
  }
}

/** Colour icon 192x192; outline icon 32x32, white (#FFFFFF) on a transparent background. */
export function iconErrors(
  color: Buffer,
  outline: Buffer,
  files = { color: 'color.png', outline: 'outline.png' },
): string[] {
  const errors: string[] = [];
  const colorPng = readPng(color, files.color);
  if (typeof colorPng === 'string') errors.push(colorPng);
  else if (colorPng.width !== COLOR_ICON_SIZE || colorPng.height !== COLOR_ICON_SIZE) {
    errors.push(
      `${files.color}: must be ${COLOR_ICON_SIZE}x${COLOR_ICON_SIZE}, is ${colorPng.width}x${colorPng.height}`,
    );
  }
  const outlinePng = readPng(outline, files.outline);
  if (typeof outlinePng === 'string') return [...errors, outlinePng];
  if (outlinePng.width !== OUTLINE_ICON_SIZE || outlinePng.height !== OUTLINE_ICON_SIZE) {
    errors.push(
      `${files.outline}: must be ${OUTLINE_ICON_SIZE}x${OUTLINE_ICON_SIZE}, is ${outlinePng.width}x${outlinePng.height}`,
    );
  }
  const { transparent, white, coloured } = outlinePixels(outlinePng);
  if (coloured > 0) {
    errors.push(`${files.outline}: ${coloured} pixels are neither white nor transparent`);
  }
  if (transparent === 0) errors.push(`${files.outline}: has no transparent background`);
  if (white === 0) errors.push(`${files.outline}: has no white pixels`);
  return errors;
}

/**
 * Counts an outline icon's pixels: fully transparent ones, visible white ones (any alpha above
 * zero, so anti-aliased edges count), and visible ones of any other colour.
 */
export function outlinePixels(png: PNG): { transparent: number; white: number; coloured: number } {
  const counts = { transparent: 0, white: 0, coloured: 0 };
  for (let i = 0; i < png.width * png.height; i++) {
    const [r, g, b, a] = png.data.subarray(i * 4, i * 4 + 4);
    if (a === 0) counts.transparent++;
    else if (r === 255 && g === 255 && b === 255) counts.white++;
    else counts.coloured++;
  }
  return counts;
}

/** The files of an app package: the manifest, its localization files and icons, by name. */
export interface AppFiles {
  manifest: unknown;
  localizations: ReadonlyMap<string, unknown>;
  icons: { color: Buffer; outline: Buffer };
}

/** Every problem of a filled app package; an empty list means it is ready to upload. */
export function appPackageErrors(files: AppFiles): string[] {
  const schemaErrors = manifestSchemaErrors(files.manifest);
  const shape = manifestShape.safeParse(files.manifest);
  if (!shape.success) return schemaErrors.length > 0 ? schemaErrors : [shape.error.message];
  const manifest = shape.data;
  const errors = [...schemaErrors, ...manifestRuleErrors(manifest)];
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    if (!files.localizations.has(file)) errors.push(`${file}: missing`);
    else errors.push(...localizationErrors(manifest, files.localizations.get(file), file));
  }
  errors.push(
    ...iconErrors(files.icons.color, files.icons.outline, {
      color: manifest.icons.color,
      outline: manifest.icons.outline,
    }),
  );
  return errors;
}
