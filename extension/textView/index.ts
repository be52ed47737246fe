/** The text view of a BMES file (the `bmes dump` text with a line map), its hovers and the version diagnostic. Pure. */
export { renderTextView } from './render';
export type { DiagnosticPlacement, HeaderFieldKey, JscFieldKey, LayoutRegionKey, LineRange, LineTarget, SectionKey, TextLine, TextView } from './lineMap';
export { hoverAt, diagnosticsOnLine, type HoverContext } from './hover';
export { explainCacheVersion, explainDiagnostic, explainFlags, explainVersion, type BunIdentity, type FlagKind } from './explain';
export { escapeMarkdown, MAX_HOVER_STRING } from './markdown';
export { versionMismatchDiagnostic, withVersionCheck, withDiagnostics, VERSION_MISMATCH } from './versionMismatch';
export { versionFacts, type Benefit, type VersionFacts } from './versionFacts';
export { knownCacheVersion } from './cacheVersions';
export { printable, quoted, hexOffset, table, tableLines } from './plainText';
