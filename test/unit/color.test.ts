/**
 * The colours the web app derives from a tenant's brand colour stay readable for ANY colour an
 * admin can pick (WCAG AA): text on the header and on buttons, their hover shade, links on the
 * light page, and the focus ring on the brand colour. Checked over a grid of the whole RGB cube,
 * the greys, and the colours around the black/white switch point.
 */
import { describe, expect, it } from 'vitest';
import { brandColors, contrast } from '../../web/src/lib/color.ts';

const hex = (r: number, g: number, b: number) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const STEPS = [0, 0x33, 0x66, 0x80, 0x99, 0xaa, 0xcc, 0xee, 0xff];
const COLOURS = [
  ...STEPS.flatMap((r) => STEPS.flatMap((g) => STEPS.map((b) => hex(r, g, b)))),
  ...Array.from({ length: 256 }, (_, v) => hex(v, v, v)),
  // mid-tones where black and white text read about equally (the hardest case)
  '#767676',
  '#777777',
  '#1f6feb',
  '#ffd43b',
  '#1b2a4a',
  '#e8590c',
  '#00a3a3',
];
// every light background a link sits on (page, cards, table heads, info and note boxes)
const LIGHT_BACKGROUNDS = ['#ffffff', '#f6f7f9', '#f3f4f6', '#f8fafc', '#eef4ff', '#fff8e1', '#eef0f3'];

describe('colours derived from the brand colour', () => {
  it('header and button text reach 4.5:1 on every brand colour, also on hover; the focus ring on it 3:1', () => {
    const failures = COLOURS.filter((c) => {
      const b = brandColors(c);
      const text = contrast(b.onPrimary, b.primary);
      // the ring in the header is drawn in the text colour, so 4.5:1 covers its 3:1 too
      return text < 4.5 || contrast(b.onPrimary, b.primaryHover) < text;
    });
    expect(failures).toEqual([]);
  });

  it('links read at 4.5:1 on every light background, for every brand colour', () => {
    const failures = COLOURS.flatMap((c) => {
      const { link } = brandColors(c);
      return LIGHT_BACKGROUNDS.filter((bg) => contrast(link, bg) < 4.5).map((bg) => `${c} → ${link} on ${bg}`);
    });
    expect(failures).toEqual([]);
  });

  it('keeps a brand colour that is already dark enough as its link colour, and darkens a light one', () => {
    expect(brandColors('#1b2a4a').link).toBe('#1b2a4a');
    const yellow = brandColors('#ffd43b');
    expect(yellow.link).not.toBe('#ffd43b');
    expect(yellow.onPrimary).toBe('#000000');
    expect(brandColors('#1b2a4a').onPrimary).toBe('#ffffff');
  });

  it('the focus ring on the light page (#1b1f24) reaches 3:1 on every light background', () => {
    for (const bg of LIGHT_BACKGROUNDS) expect(contrast('#1b1f24', bg)).toBeGreaterThanOrEqual(3);
  });

  it('an invalid colour falls back to the default blue', () => {
    expect(brandColors('not-a-colour').primary).toBe('#1f6feb');
  });
});
