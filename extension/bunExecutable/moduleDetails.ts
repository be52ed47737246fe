import { fullSourceKey } from '../artifact/sourceKey';
import { ARTIFACT_DIAGNOSTIC_CODES, type ArtifactDiagnosticCode } from '../artifact/codes';
import type { RangeReader } from '../artifact/rangeReader';
import type { ByteWindow } from '../bmes/byteWindow';
import { checkJscKey } from '../bmes/checkJsc';
import { DiagnosticSink, hex } from '../bmes/diagnostics';
import { jscTagName } from '../bmes/flags';
import { decodeJscSection } from '../bmes/jsc';
import type { Diagnostic, JscSection } from '../bmes/model';
import { wtfStringHash, wtfStringHashOfLatin1 } from '../bunRecord/wtfStringHash';
import { GraphReader } from './graphReader';
import type { ExecutableFile, GraphModule } from './model';

/** Enough of a payload for every header field, the classic provider record and a long origin URL. */
const HEADER_READ = 64 * 1024;
const CONSEQUENCE = 'JavaScriptCore rejects this bytecode and the module is compiled from source at every start.';

export interface ModuleDetailsOptions {
  /** The cache version the user's Bun writes, when known. */
  readonly expectedJscVersion?: number;
  /** Also read the module's contents and check the bytecode's source key against them (reads the whole contents). */
  readonly checkSourceKey?: boolean;
}

export interface ModuleDetails {
  readonly index: number;
  readonly jsc: JscSection | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** A window over bytes read from `base`, answering in absolute file offsets. */
function windowAt(bytes: Uint8Array, base: number): ByteWindow {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    size: base + bytes.length,
    bytes: (offset, length) => bytes.subarray(offset - base, offset - base + length),
    u32: (offset) => view.getUint32(offset - base, true),
  };
}

/** What is read when one module is opened: its bytecode header, checked against the module's format and source. */
export async function readModuleDetails(reader: RangeReader, exe: ExecutableFile, module: GraphModule, options: ModuleDetailsOptions = {}): Promise<ModuleDetails> {
  const sink = new DiagnosticSink<ArtifactDiagnosticCode>(ARTIFACT_DIAGNOSTIC_CODES);
  const graph = new GraphReader(reader, exe.graph.offset, exe.offsets.byteCount.value);
  const label = `Module ${module.index} (${module.nameText})`;
  let jsc: JscSection | null = null;
  if (module.bytecode.present && module.bytecode.inBounds) {
    const bytes = await graph.target(module.bytecode, HEADER_READ);
    jsc = decodeJscSection(windowAt(bytes, module.bytecode.offset), module.bytecode.offset, bytes.length);
    if (jsc && jsc.layout !== 'unknown') {
      const expectedTag = module.format.name === 'esm' ? 1 : module.format.name === 'cjs' ? 0 : null;
      if (jsc.tag && expectedTag !== null && jsc.tag.value !== expectedTag) {
        sink.add(
          'unexpected-payload-tag',
          jsc.tag,
          `${label}: the bytecode's tag is ${jsc.tag.value} (${jscTagName(jsc.layout, jsc.tag.value)}): expected ${expectedTag} (${jscTagName(jsc.layout, expectedTag)}) for a module of format ${module.format.name}. ${CONSEQUENCE}`,
        );
      }
      if (jsc.payloadSize && jsc.payloadSize.value !== module.bytecode.length) {
        sink.add(
          'jsc-size-mismatch',
          jsc.payloadSize,
          `${label}: the payload size is ${jsc.payloadSize.value} bytes: expected ${module.bytecode.length}, the length of the module's bytecode pointer. ${CONSEQUENCE}`,
        );
      }
      const contents = options.checkSourceKey && module.contents.present && module.contents.inBounds ? await graph.target(module.contents) : null;
      const source = contents ? fullSourceKey(contents) : undefined;
      if (contents) checkSourceHashTable(exe, module, contents, label, sink);
      checkJscKey(jsc, CONSEQUENCE, { expectedJscVersion: options.expectedJscVersion, source }, sink);
    } else if (jsc) {
      sink.add(
        'jsc-unrecognized-layout',
        jsc.cacheVersion,
        `${label}: the bytecode at ${hex(jsc.offset)} matches neither JavaScriptCore layout the inspector knows; only its cache version ${hex(jsc.cacheVersion.value, 8)} is read.`,
      );
    }
  }
  for (const [pointer, what] of [
    [module.contents, 'contents'],
    [module.bytecodeOriginPath, 'bytecode origin path'],
  ] as const) {
    if (pointer && !(await graph.hasNulAfter(pointer))) {
      sink.add(
        'missing-nul',
        pointer.field,
        `${label}: no NUL byte after the ${what} at ${hex(pointer.offset + pointer.length)}: Bun's writer ends it with one, and the runtime relies on it.`,
      );
    }
  }
  return { index: module.index, jsc, diagnostics: sink.sorted() };
}

/** Bun 1.4.x keeps the WTF string hash of every module's contents in a table (flag bit 5, spec §3.3); 0 means none. */
function checkSourceHashTable(exe: ExecutableFile, module: GraphModule, contents: Uint8Array, label: string, sink: DiagnosticSink<ArtifactDiagnosticCode>): void {
  const table = exe.optional?.sourceHashes;
  const stored = table?.values[module.index];
  if (!table || stored === undefined || stored === 0) return;
  const actual = module.encoding.value === 1 ? wtfStringHashOfLatin1(contents) : wtfStringHash(new TextDecoder().decode(contents));
  if (actual === stored) return;
  sink.add(
    'source-hash-table-mismatch',
    { offset: table.offset + module.index * 4, length: 4 },
    `${label}: the graph's source hash is ${hex(stored, 6)}: expected ${hex(actual, 6)}, the WTF string hash of the module's contents. The contents were changed after Bun wrote the graph; what the runtime does with a wrong hash is not known (it is meant to identify the source the bytecode belongs to).`,
  );
}

/** Graph-level facts that need every module's bytecode header: one cache version for all modules. */
export function mixedCacheVersions(details: readonly ModuleDetails[]): Diagnostic | null {
  const versions = new Map<number, ModuleDetails[]>();
  for (const d of details) {
    if (!d.jsc) continue;
    const list = versions.get(d.jsc.cacheVersion.value) ?? [];
    list.push(d);
    versions.set(d.jsc.cacheVersion.value, list);
  }
  if (versions.size <= 1) return null;
  const [majority] = [...versions].sort((a, b) => b[1].length - a[1].length);
  const odd = details.find((d) => d.jsc && d.jsc.cacheVersion.value !== majority![0])!;
  return {
    code: 'mixed-cache-versions',
    severity: ARTIFACT_DIAGNOSTIC_CODES['mixed-cache-versions'],
    offset: odd.jsc!.cacheVersion.offset,
    length: 4,
    message: `The modules' bytecode has ${versions.size} cache versions (${[...versions.keys()].map((v) => hex(v, 8)).join(', ')}): one Bun build writes one, so modules were taken from different builds. The Bun inside the executable rejects every payload that is not its own, and those modules are compiled from source.`,
  };
}
