import { BMES_MAGIC } from '../bmes/flags';
import { decodeBmesFrom, type DecodeOptions } from '../bmes/decode';
import type { RangeSource } from '../bmes/byteWindow';
import { windowOver } from '../bmes/byteWindow';
import { decodeJscSection } from '../bmes/jsc';
import type { BmesFile } from '../bmes/model';
import { decodeGraph } from '../bunExecutable/decodeExecutable';
import { isElf } from '../bunExecutable/elf';
import { locateGraph } from '../bunExecutable/locateGraph';
import type { ExecutableFile } from '../bunExecutable/model';
import { decodeJscPayload, endsWithSidecarMagic } from '../sidecar/decodeJscPayload';
import type { JscPayloadFile } from '../sidecar/model';
import { RangeReader } from './rangeReader';

/** A payload file is read whole (its hash covers every byte); anything larger is not a sidecar Bun would write. */
export const MAX_PAYLOAD_FILE = 512 * 1024 * 1024;

export interface UnknownFile {
  readonly kind: 'unknown';
  readonly size: number;
  /** Why the file is none of the kinds the inspector knows, in one sentence. */
  readonly reason: string;
}

export type Artifact = { readonly kind: 'bmes'; readonly file: BmesFile } | JscPayloadFile | ExecutableFile | UnknownFile;

export interface ArtifactResult {
  readonly artifact: Artifact;
  /** Bytes read from the source to decode it. */
  readonly bytesRead: number;
  /** The reader, for reading more of an executable when a module is opened. */
  readonly reader: RangeReader;
}

/** A one-line name of what a file is, for CLI output and titles. */
export function artifactKindName(artifact: Artifact): string {
  switch (artifact.kind) {
    case 'bmes':
      if (artifact.file.header.version) return `BMES version ${artifact.file.header.version.value}`;
      return artifact.file.header.magic && artifact.file.bytecode?.source !== 'bare-jsc'
        ? "no BMES magic and none of Bun's containers (checked as BMES)"
        : 'BMES (header cut short)';
    case 'jsc-payload':
      if (artifact.container === 'sidecar') return `Bun 1.4.x .jsc sidecar (${artifact.jsc?.layout ?? 'unknown'} JavaScriptCore payload + 24-byte trailer)`;
      if (artifact.jsc?.layout === 'classic' && artifact.jsc.tag?.value === 0) return 'bare classic JavaScriptCore payload (a Bun 1.3.x .jsc sidecar)';
      return `bare ${artifact.jsc?.layout ?? 'unknown'} JavaScriptCore payload`;
    case 'executable':
      return `Bun --compile executable (module graph ${artifact.container.kind === 'elf-section' ? 'in an ELF .bun section' : artifact.container.kind === 'appended' ? 'appended to the binary' : 'found by its trailer'})`;
    case 'unknown':
      return 'not a file the inspector knows';
  }
}

/**
 * Recognises a file by its content, never its name, and decodes it: BMES (any version), a bare JavaScriptCore
 * payload or Bun 1.4.x sidecar, a `bun build --compile` executable (ELF section, appended, or found by its
 * trailer), or none of these. Executables are read in ranges: their header, section table, graph tail and module
 * table.
 */
export async function decodeArtifactFrom(source: RangeSource, options: DecodeOptions = {}): Promise<ArtifactResult> {
  const reader = new RangeReader(source);
  const done = (artifact: Artifact, extra = 0): ArtifactResult => ({ artifact, bytesRead: reader.bytesRead + extra, reader });
  const head = await reader.read(0, 128);
  const magic = head.length >= 4 ? new DataView(head.buffer, head.byteOffset).getUint32(0, true) : null;
  if (magic === BMES_MAGIC) {
    const { file, bytesRead } = await decodeBmesFrom(source, options);
    return done({ kind: 'bmes', file }, bytesRead);
  }
  const elf = await isElf(reader);
  if (elf) {
    const located = await locateGraph(reader);
    if (located.found) return done(await decodeGraph(reader, located.graph));
    return done({ kind: 'unknown', size: source.size, reason: located.reason });
  }
  // A graph is recognised by its end, before a payload by its start: a graph region cut out of an executable can
  // begin with a module's bytecode.
  const located = await locateGraph(reader);
  if (located.found) return done(await decodeGraph(reader, located.graph));
  if (head.length >= 4 && (await looksLikePayload(reader, head))) {
    if (source.size > MAX_PAYLOAD_FILE)
      return done({ kind: 'unknown', size: source.size, reason: `A JavaScriptCore payload of ${source.size} bytes is larger than any cache Bun writes; it is not decoded.` });
    const data = await reader.read(0, source.size);
    return done(decodeJscPayload(data, options));
  }
  // None of Bun's containers: the BMES decoder says what is wrong with it (a damaged BMES file is the likely case).
  const { file, bytesRead } = await decodeBmesFrom(source, options);
  return done({ kind: 'bmes', file }, bytesRead);
}

async function looksLikePayload(reader: RangeReader, head: Uint8Array): Promise<boolean> {
  const jsc = decodeJscSection(windowOver(head), 0, head.length);
  if (jsc && jsc.layout !== 'unknown') return true;
  // A sidecar too damaged for the fingerprint is still a sidecar by its trailer.
  if (reader.size >= 24) return endsWithSidecarMagic(await reader.read(reader.size - 24, 24));
  return false;
}
