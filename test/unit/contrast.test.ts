import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AA_TEXT, composite, contrastRatio, cssColor, parseColor, withContrast } from '../../webview/lib/contrast';

test('theme colours parse in the forms VS Code writes them', () => {
  assert.deepEqual(parseColor('#59a4f9'), { r: 0x59, g: 0xa4, b: 0xf9, a: 1 });
  assert.deepEqual(parseColor('#fff'), { r: 255, g: 255, b: 255, a: 1 });
  assert.deepEqual(parseColor(' #ff000080 '), { r: 255, g: 0, b: 0, a: 128 / 255 });
  assert.deepEqual(parseColor('rgba(234, 92, 0, 0.33)'), { r: 234, g: 92, b: 0, a: 0.33 });
  assert.deepEqual(parseColor('rgb(1 2 3 / 50%)'), { r: 1, g: 2, b: 3, a: 0.5 });
  assert.equal(parseColor('var(--x)'), null);
  assert.equal(parseColor(''), null);
});

test('the contrast ratio follows WCAG: black on white is 21, a colour on itself 1', () => {
  const white = { r: 255, g: 255, b: 255, a: 1 };
  const black = { r: 0, g: 0, b: 0, a: 1 };
  assert.equal(Math.round(contrastRatio(black, white) * 100) / 100, 21);
  assert.equal(contrastRatio(white, white), 1);
  // #767676 on white is the classic 4.54:1.
  assert.equal(Math.round(contrastRatio(parseColor('#767676')!, white) * 100) / 100, 4.54);
});

test('a colour too faint for its background is raised just to AA, a readable one is left alone', () => {
  const dark = parseColor('#1f1f1f')!;
  const light = parseColor('#ffffff')!;
  const orange = parseColor('rgba(234, 92, 0, 0.33)')!;
  for (const bg of [dark, light]) {
    const fixed = withContrast(orange, bg);
    const ratio = contrastRatio(fixed, bg);
    assert.ok(ratio >= AA_TEXT, `${cssColor(fixed)} on ${cssColor(bg)}: ${ratio}`);
    assert.ok(ratio < AA_TEXT + 0.2, `no more change than needed: ${ratio}`);
    // The CSS text of the colour keeps the ratio.
    assert.ok(contrastRatio(parseColor(cssColor(fixed))!, bg) >= AA_TEXT);
  }
  const readable = parseColor('#cccccc')!;
  assert.deepEqual(withContrast(readable, dark), composite(readable, dark));
});
