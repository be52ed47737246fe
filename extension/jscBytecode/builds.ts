/**
 * Which Bun builds wrote which JavaScriptCore cache version (shared/spec/jsc-bytecode.md §1, bmes-format §5),
 * and whether this library decodes their code-block tree. The layout changes with the WebKit revision, so the
 * tree decoder is keyed by the cache version, never by the layout's fingerprint alone.
 */
export interface KnownBuild {
  readonly bun: string;
  readonly layout: 'classic' | 'compact';
  readonly tree: boolean;
}

export const KNOWN_BUILDS: ReadonlyMap<number, KnownBuild> = new Map([
  [0x188ee0b9, { bun: 'Bun 1.3.6', layout: 'classic', tree: false }],
  [0x45741b73, { bun: 'Bun 1.3.9', layout: 'classic', tree: false }],
  [0x54467ad4, { bun: 'Bun 1.3.14', layout: 'classic', tree: false }],
  [0xf101ecbd, { bun: 'Bun 1.4.0', layout: 'classic', tree: false }],
  [0xf1f0ed26, { bun: 'Bun 1.4.4/1.4.5', layout: 'compact', tree: true }],
]);
