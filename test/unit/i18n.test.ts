import fs from 'node:fs';
import path from 'node:path';
import { createTranslator, localeFromTag } from '../../src/i18n/i18n';

const LOCALES = path.resolve(__dirname, '../../locales');

/** Every key path of a nested strings object, e.g. "errors.conflict". */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('locales', () => {
  const files = fs.readdirSync(LOCALES).filter((f) => f.startsWith('nb') && f.endsWith('.json'));

  it.each(files)('%s has an English twin with exactly the same keys', (nbFile) => {
    const enFile = nbFile.replace(/^nb/, 'en');
    const nb = JSON.parse(fs.readFileSync(path.join(LOCALES, nbFile), 'utf8'));
    const en = JSON.parse(fs.readFileSync(path.join(LOCALES, enFile), 'utf8'));
    expect(keys(en).sort()).toEqual(keys(nb).sort());
  });

  it('translates with interpolation, and falls back to Bokmål for an unknown tag', () => {
    const translator = createTranslator('nb');
    expect(translator.forLocale('en')('errors.unknown_zone', { zone: 'vest' })).toBe(
      'The zone "vest" does not exist.',
    );
    expect(
      translator.forLocale(localeFromTag('de-DE', 'nb'))('errors.unknown_zone', { zone: 'vest' }),
    ).toBe('Sonen «vest» finnes ikke.');
    expect(localeFromTag('en-GB', 'nb')).toBe('en');
    expect(localeFromTag('nn-NO', 'en')).toBe('nb');
    expect(localeFromTag(undefined, 'en')).toBe('en');
  });
});
