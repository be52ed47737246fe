/**
 * Adds the webview's stylesheet as a <style> element carrying the page's nonce, so the CSP needs neither
 * 'unsafe-inline' nor another asset.
 */
export function injectStyles(css: string, nonce: string): void {
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  document.head.appendChild(style);
}
