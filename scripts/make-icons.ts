/**
 * Draws the Teams app icons into manifest/: `color.png` (192x192, a white heart with an "H" on
 * the accent colour) and `outline.png` (32x32, the same heart in white on a transparent
 * background). Run it after changing the drawing; the PNGs are committed.
 *
 *   node -r ts-node/register/transpile-only scripts/make-icons.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

export const MANIFEST_DIR = path.resolve(__dirname, '../manifest');

/** The manifest's accentColor; the colour icon's background. */
export const ACCENT_COLOR = '#8A1538';

/** Samples per pixel side: the edges are anti-aliased from SUPERSAMPLE² samples per pixel. */
const SUPERSAMPLE = 8;

type Rgb = readonly [number, number, number];

const WHITE: Rgb = [255, 255, 255];

export function hexToRgb(hex: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [
    Number.parseInt(match[1], 16),
    Number.parseInt(match[2], 16),
    Number.parseInt(match[3], 16),
  ];
}

/**
 * The glyph in its own coordinates (y up): the heart (x²+y²−1)³ − x²y³ ≤ 0, which spans
 * x ∈ [−1.14, 1.14] and y ∈ [−1, 1.24], minus a letter "H" when `withLetter`.
 */
function inGlyph(x: number, y: number, withLetter: boolean): boolean {
  const r = x * x + y * y - 1;
  if (r * r * r - x * x * y * y * y > 0) return false;
  if (!withLetter) return true;
  const inStem = Math.abs(x) >= 0.2 && Math.abs(x) <= 0.4;
  const inLetterHeight = y >= -0.32 && y <= 0.62;
  const inBar = Math.abs(x) < 0.2 && y >= 0.07 && y <= 0.23;
  return !(inLetterHeight && (inStem || inBar));
}

const GLYPH_WIDTH = 2.277;
const GLYPH_CENTRE_Y = 0.118;

/**
 * The share (0..1) of each pixel that the glyph covers, for a glyph `glyphWidth` pixels wide
 * centred in a `size`x`size` image.
 */
function coverage(size: number, glyphWidth: number, withLetter: boolean): Float64Array {
  const scale = GLYPH_WIDTH / glyphWidth;
  const result = new Float64Array(size * size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE - size / 2) * scale;
          const y = (size / 2 - (py + (sy + 0.5) / SUPERSAMPLE)) * scale + GLYPH_CENTRE_Y;
          if (inGlyph(x, y, withLetter)) hits++;
        }
      }
      result[py * size + px] = hits / (SUPERSAMPLE * SUPERSAMPLE);
    }
  }
  return result;
}

/** 192x192, opaque: the glyph in white on the accent colour, within Teams' 120px safe area. */
export function renderColorIcon(accent: string = ACCENT_COLOR): PNG {
  const size = 192;
  const background = hexToRgb(accent);
  const cover = coverage(size, 116, true);
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) {
    for (let c = 0; c < 3; c++) {
      png.data[i * 4 + c] = Math.round(background[c] + (WHITE[c] - background[c]) * cover[i]);
    }
    png.data[i * 4 + 3] = 255;
  }
  return png;
}

/** 32x32: white only, the background fully transparent (anti-aliased edges are white too). */
export function renderOutlineIcon(): PNG {
  const size = 32;
  const cover = coverage(size, 28, true);
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) {
    for (let c = 0; c < 3; c++) png.data[i * 4 + c] = WHITE[c];
    png.data[i * 4 + 3] = Math.round(255 * cover[i]);
  }
  return png;
}

export function writeIcons(dir: string = MANIFEST_DIR): string[] {
  const files = [
    { file: path.join(dir, 'color.png'), png: renderColorIcon() },
    { file: path.join(dir, 'outline.png'), png: renderOutlineIcon() },
  ];
  for (const { file, png } of files) fs.writeFileSync(file, PNG.sync.write(png));
  return files.map(({ file }) => file);
}

if (require.main === module) {
  for (const file of writeIcons()) console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
