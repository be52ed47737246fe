/**
 * The relative path a module is extracted to, from its virtual name. Names come from the file, so they are never
 * trusted: the `/$bunfs/root/` (POSIX) or `B:/~BUN/root/` (Windows) prefix is dropped, every segment that could leave
 * the folder (`..`, `.`, empty, a drive, a control character) is replaced, and the result is only ever joined below
 * the output folder.
 */
const ROOTS = ['/$bunfs/root/', 'B:/~BUN/root/', 'B:\\~BUN\\root\\'];
const MAX_SEGMENT = 200;

export function extractSegments(name: string, index: number): string[] {
  let rest = name;
  for (const root of ROOTS) if (rest.startsWith(root)) rest = rest.slice(root.length);
  const segments = rest
    .split(/[/\\]+/)
    .map((s) =>
      s
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u001f\u007f:*?"<>|]/g, '_')
        .slice(0, MAX_SEGMENT),
    )
    .filter((s) => s.length > 0)
    .map((s) => (s === '.' || s === '..' ? `_${s.length === 1 ? 'dot' : 'dotdot'}_` : s));
  return segments.length > 0 ? segments : [`module-${index}`];
}
