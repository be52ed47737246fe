/** The four default themes the browser tests render in, with the variables captured from VS Code (capture.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const THEME_NAMES = {
  dark: 'Default Dark Modern',
  light: 'Default Light Modern',
  'hc-dark': 'Default High Contrast',
  'hc-light': 'Default High Contrast Light',
} as const;

export type ThemeId = keyof typeof THEME_NAMES;
export const THEMES = Object.keys(THEME_NAMES) as ThemeId[];

export interface ThemeFixture {
  readonly id: ThemeId;
  readonly name: string;
  /** What VS Code puts on the webview's <body>, e.g. ["vscode-dark"]. */
  readonly bodyClasses: readonly string[];
  /** What VS Code puts on the webview's <html> style: every `--vscode-*` variable. */
  readonly variables: Readonly<Record<string, string>>;
}

export function loadTheme(id: ThemeId): ThemeFixture {
  return JSON.parse(readFileSync(join(__dirname, `${id}.json`), 'utf8')) as ThemeFixture;
}
