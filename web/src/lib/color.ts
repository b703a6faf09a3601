/**
 * Colours derived from the tenant's brand colour so that text stays readable (WCAG AA, 4.5:1)
 * whatever colour the admin picks: the text on it, its hover shade, and a link colour for the
 * light page.
 */

type Rgb = [number, number, number];

function parse(hex: string): Rgb | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m) return null;
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (c: Rgb) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** WCAG relative luminance of an sRGB colour. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two colours (1–21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [parse(a), parse(b)];
  if (!x || !y) return 1;
  const [l1, l2] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

const mix = (c: Rgb, to: Rgb, share: number): Rgb => c.map((v, i) => v + (to[i]! - v) * share) as Rgb;
const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];
// pure black: with any darker grey some mid-tones would reach neither 4.5:1 with it nor with white
const DARK_TEXT = '#000000';

/** Black or white, whichever reads better on the given #rrggbb background (at least 4.5:1 for any colour). */
export function onPrimary(hex: string): string {
  return contrast(hex, '#ffffff') >= contrast(hex, DARK_TEXT) ? '#ffffff' : DARK_TEXT;
}

/** The darkest light background a link sits on (table heads, info boxes). */
const PAGE_BACKGROUND = '#eef0f3';

/** `c` moved toward `to` in small steps until it reaches `ratio` against `against`. */
function until(c: Rgb, to: Rgb, against: string, ratio: number): string {
  for (let share = 0; share <= 1; share += 0.05) {
    const candidate = toHex(mix(c, to, share));
    if (contrast(candidate, against) >= ratio) return candidate;
  }
  return toHex(to);
}

export interface BrandColors {
  primary: string;
  /** Text on the brand colour. */
  onPrimary: string;
  /** Hover shade of brand-coloured buttons: further from its text colour, so never less readable. */
  primaryHover: string;
  /** Links on the light page: the brand colour darkened until it reads at 4.5:1. */
  link: string;
}

/** Every colour the app derives from the brand colour (an invalid one falls back to the default blue). */
export function brandColors(hex: string): BrandColors {
  const rgb = parse(hex) ?? parse('#1f6feb')!;
  const primary = toHex(rgb);
  const on = onPrimary(primary);
  const hover = toHex(mix(rgb, on === '#ffffff' ? BLACK : WHITE, 0.15));
  return { primary, onPrimary: on, primaryHover: hover, link: until(rgb, BLACK, PAGE_BACKGROUND, 4.6) };
}
