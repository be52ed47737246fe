/**
 * WCAG 2 contrast for theme colours: parsing the forms VS Code's theme variables take (#rgb, #rrggbb, #rrggbbaa,
 * rgb()/rgba()), compositing a translucent colour over its background, the contrast ratio, and the least change
 * of a colour (towards white or black) that reaches a ratio. Pure.
 */
export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  /** 0–1. */
  readonly a: number;
}

/** WCAG AA for normal text. */
export const AA_TEXT = 4.5;

export function parseColor(text: string): Rgba | null {
  const t = text.trim().toLowerCase();
  const hexMatch = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(t);
  if (hexMatch) {
    let h = hexMatch[1]!;
    if (h.length <= 4) h = [...h].map((c) => c + c).join('');
    const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
    return { r: n(0), g: n(2), b: n(4), a: h.length === 8 ? n(6) / 255 : 1 };
  }
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(t);
  if (fn) {
    const alpha = fn[4] === undefined ? 1 : fn[4].endsWith('%') ? parseFloat(fn[4]) / 100 : parseFloat(fn[4]);
    return { r: Number(fn[1]), g: Number(fn[2]), b: Number(fn[3]), a: Math.min(1, Math.max(0, alpha)) };
  }
  return null;
}

/** `fg` painted over an opaque `bg`. */
export function composite(fg: Rgba, bg: Rgba): Rgba {
  const mix = (f: number, b: number) => f * fg.a + b * (1 - fg.a);
  return { r: mix(fg.r, bg.r), g: mix(fg.g, bg.g), b: mix(fg.b, bg.b), a: 1 };
}

function channel(v: number): number {
  const s = v / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function luminance(c: Rgba): number {
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

/** The WCAG contrast ratio of two opaque colours, 1–21. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const toward = (c: Rgba, target: number, t: number): Rgba => ({ r: c.r + (target - c.r) * t, g: c.g + (target - c.g) * t, b: c.b + (target - c.b) * t, a: 1 });

/**
 * `fg` (composited over `bg`) as little changed as possible to reach `ratio` against `bg`: mixed towards white on
 * a dark background, towards black on a light one (the hue stays recognisable). Unchanged when it already does.
 * The result is rounded away from the background, so the ratio holds for the CSS colour too.
 */
export function withContrast(fg: Rgba, bg: Rgba, ratio = AA_TEXT): Rgba {
  const base = composite(fg, bg);
  if (contrastRatio(base, bg) >= ratio) return base;
  const white = { r: 255, g: 255, b: 255, a: 1 };
  const black = { r: 0, g: 0, b: 0, a: 1 };
  const target = contrastRatio(white, bg) >= contrastRatio(black, bg) ? 255 : 0;
  let lo = 0;
  let hi = 1;
  // The ratio grows monotonically with the mix; 20 halvings are far below one colour step.
  for (let i = 0; i < 20; i++) {
    const mid = (lo + hi) / 2;
    if (contrastRatio(toward(base, target, mid), bg) >= ratio) hi = mid;
    else lo = mid;
  }
  const round = target === 255 ? Math.ceil : Math.floor;
  const c = toward(base, target, hi);
  return { r: round(c.r), g: round(c.g), b: round(c.b), a: 1 };
}

export function cssColor(c: Rgba): string {
  const v = (x: number) => Math.round(Math.min(255, Math.max(0, x)));
  return c.a >= 1 ? `rgb(${v(c.r)}, ${v(c.g)}, ${v(c.b)})` : `rgba(${v(c.r)}, ${v(c.g)}, ${v(c.b)}, ${c.a})`;
}
