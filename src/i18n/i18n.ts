import fs from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import type { Locale } from '../domain/roster';
import { projectRoot } from '../project-root';

export type Translate = TFunction;

export interface Translator {
  /** A translate function for one locale; unknown keys fall back to Norwegian Bokmål. */
  forLocale(locale: Locale): Translate;
}

const LOCALES_DIR = path.join(projectRoot, 'locales');

/**
 * `nb.json` holds the common strings; each feature keeps its own `nb.<area>.json`, merged under
 * the key `<area>`, so features never edit the same file.
 */
export function readLocale(name: Locale): Record<string, unknown> {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, file), 'utf8'));
  const strings: Record<string, unknown> = read(`${name}.json`);
  const areaFile = new RegExp(`^${name}\\.([a-z][a-z-]*)\\.json$`);
  for (const file of fs.readdirSync(LOCALES_DIR).sort()) {
    const area = areaFile.exec(file)?.[1];
    if (area) strings[area] = read(file);
  }
  return strings;
}

export function createTranslator(defaultLocale: Locale): Translator {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: defaultLocale,
    fallbackLng: 'nb',
    resources: { nb: { translation: readLocale('nb') }, en: { translation: readLocale('en') } },
    // Replies are plain text or Adaptive Card text, never HTML.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return { forLocale: (locale) => instance.getFixedT(locale) };
}

/**
 * Teams sends a BCP 47 tag such as "nb-NO", "nn-NO" or "en-US". Norwegian (any written form)
 * and anything unknown get Bokmål; English gets English.
 */
export function localeFromTag(tag: string | undefined, fallback: Locale): Locale {
  if (!tag) return fallback;
  return tag.toLowerCase().startsWith('en') ? 'en' : 'nb';
}
