// The peer parser of the decode bench: what Kaitai Struct 0.11.0 generates from a plain description of BMES v3
// (bmes_v3.ksy.json, the .ksy document in its JSON form). Compiled at bench time, so the figure always compares
// against what the released compiler produces, never a hand-tuned copy.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

const requireHere = createRequire(__filename);

interface KaitaiCompiler {
  compile(language: string, spec: unknown, importer: null, debug: boolean): Promise<Record<string, string>>;
}

interface KaitaiStreamConstructor {
  new (buffer: ArrayBuffer, byteOffset?: number): unknown;
}

/** Parses a whole BMES v3 file as the generated code does: every record, every string decoded as UTF-8. */
export type KaitaiParse = (bytes: Uint8Array) => unknown;

export async function compileKaitaiPeer(): Promise<{ parse: KaitaiParse; compilerVersion: string }> {
  const compiler = requireHere('kaitai-struct-compiler') as KaitaiCompiler;
  const spec: unknown = JSON.parse(readFileSync(join(__dirname, 'bmes_v3.ksy.json'), 'utf8'));
  const files = await compiler.compile('javascript', spec, null, false);
  const source = files['BmesV3.js'];
  if (source === undefined) throw new Error(`the Kaitai compiler produced ${Object.keys(files).join(', ')}, not BmesV3.js`);
  // The generated module is UMD: given `exports` and `require`, it defines BmesV3 and requires the runtime.
  const exports: { BmesV3?: new (io: unknown) => unknown } = {};
  new Function('exports', 'require', source)(exports, requireHere);
  const BmesV3 = exports.BmesV3;
  if (!BmesV3) throw new Error('the generated Kaitai module did not define BmesV3');
  const KaitaiStream = requireHere('kaitai-struct/KaitaiStream') as KaitaiStreamConstructor;
  const { version } = requireHere('kaitai-struct-compiler/package.json') as { version: string };
  return {
    parse: (bytes) => new BmesV3(new KaitaiStream(bytes.buffer as ArrayBuffer, bytes.byteOffset)),
    compilerVersion: version,
  };
}
