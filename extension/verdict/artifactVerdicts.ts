import { bunReleaseName, hex, sourceHashCheckable } from '../bmes';
import type { Diagnostic } from '../bmes/model';
import type { ExecutableFile } from '../bunExecutable/model';
import type { JscPayloadFile } from '../sidecar/model';
import type { BmesExpectations } from './bmesVerdict';
import { buildVerdict, type FileVerdict, type VerdictCheck, type VerdictOutcome } from './verdict';

/** The cache version check, for a payload of `cacheVersion` (null: no payload to read it from). */
function cacheVersionCheck(expect: BmesExpectations, cacheVersion: number | null, what: string): VerdictCheck {
  if (expect.jscVersion.value === null) return { id: 'jsc-version', label: 'cache version', state: 'not-checked', reason: expect.jscVersion.reason };
  if (cacheVersion === null) return { id: 'jsc-version', label: 'cache version', state: 'not-checked', reason: `no ${what} to read it from` };
  const from = expect.jscVersion.from;
  return { id: 'jsc-version', label: 'cache version', state: 'checked', against: `${hex(expect.jscVersion.value, 8)}${from ? `, from ${from}` : ''}` };
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
    cacheVersionCheck(expect, modulesChecked ? (cacheVersions[0] ?? null) : null, modulesChecked ? 'module bytecode' : 'module checked yet'),
  ];
  return buildVerdict({ outcome, diagnostics, checks, cleanMeans: 'every module has bytecode of one Bun build, and every record agrees with its source' });
}
