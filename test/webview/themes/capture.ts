/**
 * Writes the theme fixtures of the browser tests (test/webview/themes/*.json): the `--vscode-*` variables and
 * body classes a real VS Code (the e2e suite's code-server) gives the inspector's webview in each of its four
 * default themes, so that the tests see the colours and fonts users see. Run by hand after a VS Code upgrade:
 *   bash scripts/e2e-setup.sh && node --import tsx test/webview/themes/capture.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer } from '../../e2e/support/codeServer';
import { SAMPLES } from '../../e2e/support/paths';
import { activeWebview, openWorkbench, quickOpen } from '../../e2e/support/workbench';
import { THEME_NAMES, type ThemeFixture } from './themes';

const FILE = 'v3-small.bmes';

async function capture(id: keyof typeof THEME_NAMES): Promise<ThemeFixture> {
  const server = await startCodeServer({ files: [[join(SAMPLES, FILE), FILE]], userSettings: { 'workbench.colorTheme': THEME_NAMES[id] } }, `bmes-inspector-theme-${id}.log`);
  try {
    const workbench = await openWorkbench(server);
    try {
      await quickOpen(workbench.page, FILE);
      const webview = activeWebview(workbench.page);
      await webview.locator('.topbar').waitFor({ timeout: 60_000 });
      const found = await webview.locator('html').evaluate((html) => {
        const variables: Record<string, string> = {};
        for (let i = 0; i < html.style.length; i++) {
          const name = html.style.item(i);
          if (name.startsWith('--vscode-')) variables[name] = html.style.getPropertyValue(name).trim();
        }
        return { bodyClasses: [...document.body.classList].filter((c) => c.startsWith('vscode-')), variables };
      });
      return { id, name: THEME_NAMES[id], ...found };
    } finally {
      await workbench.close();
    }
  } finally {
    await server.stop();
  }
}

void (async () => {
  for (const id of Object.keys(THEME_NAMES) as (keyof typeof THEME_NAMES)[]) {
    const fixture = await capture(id);
    writeFileSync(join(__dirname, `${id}.json`), JSON.stringify(fixture, null, 1) + '\n');
    console.log(`${id}: ${Object.keys(fixture.variables).length} variables, body ${fixture.bodyClasses.join(' ')}`);
  }
})();
