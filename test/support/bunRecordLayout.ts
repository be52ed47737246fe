/**
 * Test-only: where the module records of an executable (or a cut graph region) are, read by the project's own
 * executable reader, in the shape the record tests use: absolute spans of each module's contents and module_info,
 * and of the 1.4.x tables.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeArtifactFrom } from '../../extension/artifact/decodeArtifact';
import { memorySource } from '../../extension/artifact/rangeReader';
import type { ExecutableFile, GraphPointer } from '../../extension/bunExecutable/model';

export interface Region {
  readonly offset: number;
  readonly length: number;
}

export interface GraphModuleSpans {
  readonly name: string;
  readonly contents: Region;
  readonly moduleInfo: Region | null;
  readonly format: string;
  readonly isEntry: boolean;
}

export interface GraphLayout {
  readonly exe: ExecutableFile;
  readonly modules: readonly GraphModuleSpans[];
  readonly sourceHashes: readonly number[] | null;
  readonly bytecodeStringTable: Region | null;
  readonly slotTable: Region | null;
  readonly prelinkedGraph: Region | null;
  /** Entry j: the module-table index of PLMG module j; `offset` is that of the `u32 n` before the list. */
  readonly plmgModules: { readonly offset: number; readonly indices: readonly number[] } | null;
}

const present = (p: GraphPointer | null): Region | null => (p && p.present && p.inBounds ? { offset: p.offset, length: p.length } : null);

export async function layoutOf(data: Uint8Array): Promise<GraphLayout> {
  const { artifact } = await decodeArtifactFrom(memorySource(data));
  assert.equal(artifact.kind, 'executable');
  const exe = artifact as ExecutableFile;
  const t = exe.optional;
  return {
    exe,
    modules: exe.modules.map((m) => ({
      name: m.nameText,
      contents: { offset: m.contents.offset, length: m.contents.length },
      moduleInfo: present(m.moduleInfo),
      format: String(m.format.name),
      isEntry: m.isEntry,
    })),
    sourceHashes: t?.sourceHashes?.values ?? null,
    bytecodeStringTable: present(t?.bytecodeStringTable ?? null),
    slotTable: present(t?.moduleInfoSlotTable ?? null),
    prelinkedGraph: present(t?.prelinkedGraph ?? null),
    plmgModules: t?.prelinkedModuleOrder ? { offset: t.prelinkedModuleOrder.offset, indices: t.prelinkedModuleOrder.values } : null,
  };
}

const SAMPLES = join(__dirname, '../../samples/bun-artifacts');

/** A file of `samples/bun-artifacts/`. */
export function loadSample(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(SAMPLES, name)));
}

/** The bytes of `span` with their absolute offset, as the record decoders take them. */
export function regionOf(file: Uint8Array, span: Region): { bytes: Uint8Array; offset: number } {
  return { bytes: file.subarray(span.offset, span.offset + span.length), offset: span.offset };
}

/** A module's contents as the record comparison takes them. */
export function contentsOf(file: Uint8Array, span: Region): { text: string; offset: number } {
  return { text: new TextDecoder().decode(file.subarray(span.offset, span.offset + span.length)), offset: span.offset };
}
