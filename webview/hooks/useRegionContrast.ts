import { useLayoutEffect } from 'react';
import type { RegionKind } from '../../extension/viewModel/types';
import { AA_TEXT, cssColor, parseColor, withContrast } from '../lib/contrast';
import { REGION_LABELS } from '../lib/regions';

const KINDS = Object.keys(REGION_LABELS) as RegionKind[];

/**
 * Gives every region colour of the hex view and its legend at least WCAG AA contrast against the editor
 * background, in whatever theme VS Code has: the stylesheet's `--region-base-*` colours come from the theme
 * (some, like the charts colours, are translucent fills, taken opaque here), and each is nudged towards white or black only as far as
 * needed, into `--region-*`. Runs again when VS Code switches theme (it rewrites <html>'s style and <body>'s class).
 */
export function useRegionContrast(): void {
  useLayoutEffect(() => {
    const root = document.documentElement;
    const apply = () => {
      const style = getComputedStyle(root);
      const bg = parseColor(style.getPropertyValue('--region-bg'));
      for (const kind of KINDS) {
        const name = `--region-${kind}`;
        const base = parseColor(style.getPropertyValue(`--region-base-${kind}`));
        // A translucent theme colour (the charts colours are fills) is taken opaque: text needs the hue, not a tint.
        const value = bg && base ? cssColor(withContrast({ ...base, a: 1 }, { ...bg, a: 1 }, AA_TEXT)) : '';
        // Writing only what changed keeps our own writes from waking the observer again and again.
        if (root.style.getPropertyValue(name) === value) continue;
        if (value) root.style.setProperty(name, value);
        else root.style.removeProperty(name);
      }
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(root, { attributes: true, attributeFilter: ['style', 'class'] });
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);
}
