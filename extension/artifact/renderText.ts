import { hex } from '../bmes/diagnostics';
import { bunReleaseName } from '../bmes/jscVersions';
import type { Diagnostic, JscSection } from '../bmes/model';
import type { ExecutableFile, GraphModule, GraphPointer } from '../bunExecutable/model';
import type { ModuleDetails } from '../bunExecutable/moduleDetails';
import type { ModuleRecordResult } from '../bunRecord/moduleRecord';
import type { ListPart, ModuleRecordParts } from '../bunRecord/parts';
import type { JscPayloadFile } from '../sidecar/model';
import { hexOffset, printable, quoted, table } from '../textView/plainText';
import { artifactKindName } from './decodeArtifact';

/** The readable `bmes dump` of a sidecar, bare payload or executable: every field with its offset. */

const bytes = (n: number) => `${n.toLocaleString('en-US')} byte${n === 1 ? '' : 's'}`;

export function jscLines(jsc: JscSection | null): string[] {
  if (!jsc) return ['JavaScriptCore: none (fewer than 4 bytes)'];
  const lines = [`JavaScriptCore payload at ${hexOffset(jsc.offset)}: ${jsc.layout} layout, written by ${bunReleaseName(jsc.cacheVersion.value)}`];
  const row = (name: string, field: { offset: number; value: number } | null, meaning = '') => (field ? [hexOffset(field.offset), name, String(field.value), meaning] : null);
  const rows = [
    row('cache version', jsc.cacheVersion, `${hex(jsc.cacheVersion.value, 8)} — ${bunReleaseName(jsc.cacheVersion.value)}`),
    row('tag', jsc.tag, jsc.tag ? (['program', 'module', 'eval', 'builtin'][jsc.tag.value] ?? '') : ''),
    row('payload size', jsc.payloadSize),
    row('source start', jsc.sourceStart),
    row('source end', jsc.sourceEnd),
    row('source length', jsc.sourceLengthField),
    row('key flags', jsc.keyFlags, jsc.keyFlags ? hex(jsc.keyFlags.value, 2) : ''),
    row('key hash', jsc.keyHash, jsc.keyHash ? hex(jsc.keyHash.value, 8) : ''),
  ].filter((r): r is string[] => r !== null);
  lines.push(table(['offset', 'field', 'value', 'meaning'], rows));
  if (jsc.sourceOrigin) lines.push(`  source origin at ${hexOffset(jsc.sourceOrigin.offset)}: ${quoted(jsc.sourceOrigin.value)}`);
  if (jsc.embeddedSource) lines.push(`  embedded source at ${hexOffset(jsc.embeddedSource.offset)}: ${bytes(jsc.embeddedSource.length)}`);
  return lines;
}

export function diagnosticLines(diagnostics: readonly Diagnostic[]): string[] {
  if (diagnostics.length === 0) return ['diagnostics: none'];
  return [`diagnostics (${diagnostics.length}):`, ...diagnostics.map((d) => `  ${hexOffset(d.offset)}: ${d.severity} ${d.code}: ${printable(d.message)}`)];
}

export function renderPayloadText(name: string, file: JscPayloadFile): string {
  const lines = [`${printable(name)}: ${artifactKindName(file)}, ${bytes(file.size)}`, `verdict: ${file.verdict.summary}. ${file.verdict.reason}`];
  for (const n of file.verdict.notChecked) lines.push(`  not checked: ${n}`);
  lines.push(`payload: ${hexOffset(file.payload.offset)}, ${bytes(file.payload.length)}`);
  lines.push(...jscLines(file.jsc));
  const t = file.trailer;
  if (t) {
    lines.push(`trailer at ${hexOffset(t.offset)} (24 bytes):`);
    lines.push(
      table(
        ['offset', 'field', 'value', 'check'],
        [
          [
            hexOffset(t.payloadSize.offset),
            'payload size',
            String(t.payloadSize.value),
            t.payloadSize.value === BigInt(t.offset) ? 'ok: the bytes before the trailer' : `expected ${t.offset}`,
          ],
          [
            hexOffset(t.hash.offset),
            'wyhash',
            '0x' + t.hash.value.toString(16).padStart(16, '0'),
            t.computedHash === t.hash.value ? 'ok: wyhash (seed 0) of the payload' : `expected 0x${t.computedHash?.toString(16).padStart(16, '0')}`,
          ],
          [hexOffset(t.magic.offset), 'magic', '00 62 75 6e 2e 6a 73 63', t.magic.matches ? 'ok: "\\0bun.jsc"' : 'wrong'],
        ],
      ),
    );
  }
  lines.push(...diagnosticLines(file.diagnostics));
  return lines.join('\n') + '\n';
}

function pointerText(p: GraphPointer | null): string {
  if (!p || !p.present) return 'none';
  return p.inBounds ? `${bytes(p.length)} at ${hexOffset(p.offset)}` : `OUT OF BOUNDS (graph offset ${p.relativeOffset}, ${p.length} bytes)`;
}

function listText<T>(name: string, list: ListPart<T> | null, show: (entry: T) => string): string {
  if (!list) return `${name}: not stored`;
  return `${name} (${list.entries.length}${list.complete ? '' : ', cut short'}): ${list.entries.map(show).join(', ') || 'none'}`;
}

/** A module's record as Bun will use it: one line per list, names quoted and escaped. */
export function recordLines(record: ModuleRecordResult): string[] {
  const p: ModuleRecordParts = record.parts;
  const q = (s: string) => quoted(s);
  return [
    `      record: ${record.store === 'module_info' ? 'module_info' : 'prelinked graph'} at ${hexOffset(record.offset)}, ${bytes(record.length)}; ${record.accepted ? 'Bun uses it (and trusts it)' : 'Bun drops it and parses the contents'}`,
    `        ${listText('requests', p.requests, (r) => q(r.specifier.value))}`,
    `        ${listText('imports', p.imports, (i) => `${q(i.importName.value)} as ${q(i.localName.value)} from ${q(i.module.value)}`)}`,
    `        ${listText('exports', p.exports, (e) => (e.kind === 'local' ? q(e.exportName.value) : `${q(e.exportName.value)} (${e.kind}${e.module ? ` from ${q(e.module.value)}` : ''})`))}`,
    `        ${listText('star exports', p.starExports, (x) => q(x.module.value))}`,
    ...(p.declaredVariables || p.lexicalVariables
      ? [`        ${listText('declared', p.declaredVariables, (v) => q(v.name.value))}; ${listText('lexical', p.lexicalVariables, (v) => q(v.name.value))}`]
      : []),
  ];
}

function moduleLines(m: GraphModule, details: ModuleDetails | undefined, record: ModuleRecordResult | null | undefined): string[] {
  const jsc = details?.jsc;
  const bytecode = m.bytecode.present
    ? `${pointerText(m.bytecode)}${jsc ? `, ${jsc.layout} ${hex(jsc.cacheVersion.value, 8)} (${bunReleaseName(jsc.cacheVersion.value)})` : ''}`
    : 'none';
  return [
    `  #${m.index}${m.isEntry ? ' (entry point)' : ''} ${quoted(m.nameText)} — record at ${hexOffset(m.offset)}, ${m.length} bytes`,
    `      format ${m.format.name}, loader ${m.loader.name}, encoding ${m.encoding.name}${m.side ? `, side ${m.side.name}` : ''}`,
    `      contents ${pointerText(m.contents)}; bytecode ${bytecode}; module_info ${pointerText(m.moduleInfo)}; source map ${pointerText(m.sourcemap)}; bytecode origin ${pointerText(m.bytecodeOriginPath)}`,
    ...(record ? recordLines(record) : []),
  ];
}

export function renderExecutableText(
  name: string,
  exe: ExecutableFile,
  details: readonly ModuleDetails[],
  records: readonly (ModuleRecordResult | null)[],
  diagnostics: readonly Diagnostic[],
): string {
  const o = exe.offsets;
  const c = exe.container;
  const lines = [
    `${printable(name)}: ${artifactKindName(exe)}, ${bytes(exe.size)}`,
    `graph: ${bytes(exe.graph.length)} at ${hexOffset(exe.graph.offset)}${c.sectionHeader ? `; .bun section header at ${hexOffset(c.sectionHeader.offset)}` : ''}${c.lengthField ? `; length field at ${hexOffset(c.lengthField.offset)}` : ''}${c.totalSizeField ? `; total size field at ${hexOffset(c.totalSizeField.offset)} = ${c.totalSizeField.value}` : ''}`,
    `offsets record at ${hexOffset(o.offset)}:`,
    table(
      ['offset', 'field', 'value'],
      [
        [hexOffset(o.byteCount.offset), 'byte count', String(o.byteCount.value)],
        [
          hexOffset(o.modules.field.offset),
          'modules',
          `${pointerText(o.modules)}${exe.recordSize ? ` = ${o.modules.length / exe.recordSize} × ${exe.recordSize}-byte records` : ''}`,
        ],
        [hexOffset(o.entryPointId.offset), 'entry point id', String(o.entryPointId.value)],
        [hexOffset(o.execArgv.field.offset), 'exec argv', exe.execArgvText === null ? 'none' : quoted(exe.execArgvText)],
        [hexOffset(o.flags.offset), 'flags', `${hex(o.flags.value)} ${o.flags.names.join(', ')}`],
      ],
    ),
  ];
  const t = exe.optional;
  if (t && t.length > 0) {
    lines.push(`tables after the module table, at ${hexOffset(t.offset)} (${bytes(t.length)}):`);
    if (t.sourceHashes) lines.push(`  source hashes at ${hexOffset(t.sourceHashes.offset)}: ${t.sourceHashes.values.map((v) => hex(v, 8)).join(' ')}`);
    if (t.builtinBytecode)
      lines.push(
        `  builtin bytecode at ${hexOffset(t.builtinBytecode.offset)}: ${t.builtinBytecode.entries.map((e) => `id ${e.internalId.value}: ${pointerText(e.bytecode)}`).join('; ') || 'none'}`,
      );
    if (t.bytecodeStringTable) lines.push(`  bytecode string table: ${pointerText(t.bytecodeStringTable)}`);
    if (t.startupModuleCount) lines.push(`  startup module count at ${hexOffset(t.startupModuleCount.offset)}: ${t.startupModuleCount.value}`);
    if (t.moduleInfoSlotTable) lines.push(`  module-info slot table: ${pointerText(t.moduleInfoSlotTable)}`);
    if (t.prelinkedGraph)
      lines.push(
        `  prelinked module graph: ${pointerText(t.prelinkedGraph)}${t.prelinkedModuleOrder ? `; module order at ${hexOffset(t.prelinkedModuleOrder.offset)}: [${t.prelinkedModuleOrder.values.join(', ')}]` : ''}`,
      );
  }
  lines.push(`modules (${exe.modules.length}${exe.modulesOmitted ? ` listed, ${exe.modulesOmitted} more` : ''}):`);
  for (const m of exe.modules) lines.push(...moduleLines(m, details[m.index], records[m.index]));
  lines.push(...diagnosticLines(diagnostics));
  return lines.join('\n') + '\n';
}

/** JSON for `--json`: the decoded model as it is, with 64-bit values as hex strings. */
export function artifactJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? '0x' + v.toString(16).padStart(16, '0') : v), 2) + '\n';
}
