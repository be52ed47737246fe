import { bunReleaseName, hex, sourceHashCheckable } from '../bmes';
import type { Diagnostic } from '../bmes/model';
import type { ExecutableFile } from '../bunExecutable/model';
import type { JscPayloadFile } from '../sidecar/model';
import type { BmesExpectations } from './bmesVerdict';
import { buildVerdict, type FileVerdict, type VerdictCheck, type VerdictOutcome } from './verdict';

/** The cache version check, for a payload of `cacheVersion` (null: no payload to read it from); `found` says what the file has. */
function cacheVersionCheck(expect: BmesExpectations, cacheVersion: number | null, what: string, found?: string): VerdictCheck {
  if (expect.jscVersion.value === null) return { id: 'jsc-version', label: 'cache version', state: 'not-checked', reason: expect.jscVersion.reason };
  if (cacheVersion === null) return { id: 'jsc-version', label: 'cache version', state: 'not-checked', reason: `no ${what} to read it from` };
  const from = expect.jscVersion.from;
  return { id: 'jsc-version', label: 'cache version', state: 'checked', against: `${hex(expect.jscVersion.value, 8)}${from ? `, from ${from}` : ''}`, ...(found ? { found } : {}) };
}

/** The cache versions of an executable's modules, in words: "0xf1f0ed26 in all 2 modules", or each with its count. */
export function moduleCacheVersions(cacheVersions: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const v of cacheVersions) counts.set(v >>> 0, (counts.get(v >>> 0) ?? 0) + 1);
  const plural = (n: number) => `${n} module${n === 1 ? '' : 's'}`;
  if (counts.size === 1) {
    const [[version, n]] = [...counts];
    return n === 1 ? `${hex(version, 8)} in its 1 module with bytecode` : `${hex(version, 8)} in all ${plural(n)} with bytecode`;
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([version, n]) => `${hex(version, 8)} in ${plural(n)}`)
    .join(', ');
}

/** A `.jsc` sidecar or bare payload: Bun uses the bytecode or silently compiles from source. */
export function payloadVerdict(file: JscPayloadFile, expect: BmesExpectations): FileVerdict {
  const jsc = file.jsc;
  const checks: VerdictCheck[] = [cacheVersionCheck(expect, jsc?.cacheVersion.value ?? null, 'JavaScriptCore payload')];
  if (file.trailer) checks.push({ id: 'trailer', label: 'trailer', state: 'checked', against: 'payload size, wyhash and magic' });
  if (expect.source.value === null) checks.push({ id: 'source', label: 'source', state: 'not-checked', reason: expect.source.reason });
  else if (!jsc || jsc.layout === 'unknown') checks.push({ id: 'source', label: 'source', state: 'not-checked', reason: 'the payload has no source key the inspector can read' });
  else
    checks.push({
      id: 'source',
      label: 'source',
      state: 'checked',
      against: `${expect.source.value}: ${sourceHashCheckable(jsc.cacheVersion.value) && !file.diagnostics.some((d) => d.code === 'source-hash-unchecked') ? 'length and hash' : `length only (the key hash function of ${bunReleaseName(jsc.cacheVersion.value)} is not known)`}`,
    });
  const outcome: VerdictOutcome = { summary: file.verdict.summary, reason: file.verdict.reason };
  return buildVerdict({ outcome, diagnostics: file.diagnostics, checks, cleanMeans: `the bytes are what ${file.writtenBy} writes, and fit the source` });
}

/** A `--compile` executable: which modules Bun runs from bytecode, and what was checked. */
export function executableVerdict(
  exe: ExecutableFile,
  diagnostics: readonly Diagnostic[],
  modulesChecked: boolean,
  cacheVersions: readonly number[],
  expect: BmesExpectations,
): FileVerdict {
  const total = exe.modules.length + exe.modulesOmitted;
  const withBytecode = exe.modules.filter((m) => m.bytecode.present).length;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const entry = exe.modules[exe.offsets.entryPointId.value]?.nameText ?? '(out of range)';
  const outcome: VerdictOutcome = {
    summary:
      errors.length > 0
        ? `${errors.length} error${errors.length === 1 ? '' : 's'}: see Problems`
        : withBytecode === exe.modules.length
          ? `Bun runs all ${total} module${total === 1 ? '' : 's'} from bytecode`
          : `Bytecode for ${withBytecode} of ${total} modules: the others are compiled from source at every start`,
    reason: `${total} modules, entry ${entry}.${errors[0] ? ` First error: ${errors[0].code} at ${hex(errors[0].offset)}.` : ''}`,
  };
  const checks: VerdictCheck[] = [
    modulesChecked
      ? { id: 'modules', label: 'modules', state: 'checked', against: "bytecode headers, and each ES module's record against its contents" }
      : { id: 'modules', label: 'modules', state: 'not-checked', reason: 'the modules are still being read' },
    modulesChecked
      ? cacheVersionCheck(expect, cacheVersions[0] ?? null, 'module bytecode', cacheVersions.length > 0 ? moduleCacheVersions(cacheVersions) : undefined)
      : expect.jscVersion.value === null
        ? cacheVersionCheck(expect, null, 'module bytecode')
        : { id: 'jsc-version', label: 'cache version', state: 'not-checked', reason: 'the modules are still being read' },
    modulesChecked
      ? { id: 'source', label: 'source', state: 'checked', against: "each module's own contents, embedded in the executable" }
      : { id: 'source', label: 'source', state: 'not-checked', reason: 'the modules are still being read' },
  ];
  return buildVerdict({ outcome, diagnostics, checks, cleanMeans: 'every module has bytecode of one Bun build, and every record agrees with its source' });
}
