import type { FunctionKind } from './model';

/**
 * JavaScriptCore's SourceParseMode numbers (ParserModes.h), as the executable record's header carries them in
 * bits 16–23. Checked on real payloads for normal functions, methods, getters, setters, arrows and class
 * constructors (test/unit/jscTree.test.ts).
 */
const PARSE_MODES: readonly { name: string; kind: FunctionKind }[] = [
  { name: 'NormalFunction', kind: 'function' },
  { name: 'GeneratorBody', kind: 'generator' },
  { name: 'GeneratorWrapperFunction', kind: 'generator' },
  { name: 'Getter', kind: 'getter' },
  { name: 'Setter', kind: 'setter' },
  { name: 'Method', kind: 'method' },
  { name: 'ArrowFunction', kind: 'arrow' },
  { name: 'AsyncFunctionBody', kind: 'async' },
  { name: 'AsyncArrowFunctionBody', kind: 'asyncArrow' },
  { name: 'AsyncFunction', kind: 'async' },
  { name: 'AsyncMethod', kind: 'asyncMethod' },
  { name: 'AsyncArrowFunction', kind: 'asyncArrow' },
  { name: 'Program', kind: 'other' },
  { name: 'ModuleAnalyze', kind: 'other' },
  { name: 'ModuleEvaluate', kind: 'other' },
  { name: 'AsyncGeneratorBody', kind: 'asyncGenerator' },
  { name: 'AsyncGeneratorWrapperFunction', kind: 'asyncGenerator' },
  { name: 'AsyncGeneratorWrapperMethod', kind: 'asyncGenerator' },
  { name: 'GeneratorWrapperMethod', kind: 'generator' },
  { name: 'ClassFieldInitializer', kind: 'classFieldInitializer' },
  { name: 'ClassStaticBlock', kind: 'classFieldInitializer' },
];

export const PROGRAM_MODE = 12;

export function parseModeName(mode: number): string {
  return PARSE_MODES[mode]?.name ?? `mode ${mode}`;
}

export function kindOfParseMode(mode: number): FunctionKind {
  return PARSE_MODES[mode]?.kind ?? 'other';
}

export function isKnownParseMode(mode: number): boolean {
  return mode < PARSE_MODES.length;
}
