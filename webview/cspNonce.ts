/**
 * The page's CSP nonce, taken from the <script> element that loaded this bundle. Read while the bundle's first
 * module is evaluated (document.currentScript is null afterwards), so main.tsx imports this module first.
 *
 * It is also published as <meta property="csp-nonce">, where FAST (the toolkit's base library) looks for a
 * nonce before adding its one <style> element; without it that element is blocked by the CSP.
 */
export const NONCE: string = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

if (NONCE && !document.querySelector('meta[property="csp-nonce"]')) {
  const meta = document.createElement('meta');
  meta.setAttribute('property', 'csp-nonce');
  meta.content = NONCE;
  document.head.appendChild(meta);
}
