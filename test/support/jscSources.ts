/**
 * Sources for payloads built at test time, and what the tree decoder must find in them. The expected text of
 * each function is found in the bundled output independently of the decoder: from its first characters to
 * the matching closing brace (or the given end for an arrow with an expression body).
 */
import type { FunctionKind } from '../../extension/jscBytecode';

export const PROBE_SOURCE = `const GREETING = "greetings from probe";
function alpha(x) { return x * 3 + 1; }
function beta(a, b) { if (a > b) { return a - b; } return b - a + 0.5; }
function gamma(name) { return GREETING + ", " + name + "!"; }
class Widget {
  constructor(size) { this.size = size; }
  grow(by) { this.size += by; return this.size; }
  get double() { return this.size * 2; }
  set double(v) { this.size = v / 2; }
  static make() { return new Widget(1); }
}
const arrow = (p, q, r) => p + q + r;
const obj = { method(z) { return z; }, get prop() { return 42; } };
function outer(a) {
  function inner(b, c) {
    return () => b + a + c;
  }
  return inner;
}
async function later(ms) { await null; return ms; }
function* counter(n) { yield n; yield n + 1; }
console.log(alpha(2), beta(1, 2), gamma("x"), new Widget(3).grow(2), arrow(1, 2, 3), obj.method(1), obj.prop, Widget.make().double);
console.log(outer(1)(2, 3)(), [...counter(1)], later(1), 123456789, -5, 3.25, "ünïcode ☃");
module.exports = { alpha, beta, gamma, Widget, arrow, obj, outer, later, counter };
`;

export interface ExpectedFunction {
  readonly name: string | null;
  readonly kind: FunctionKind;
  readonly parameters: number;
  /** Where the function's text starts in the bundled output (its first occurrence). */
  readonly head: string;
  /** For an arrow with an expression body: its last characters; otherwise the text runs to the matching brace. */
  readonly tail?: string;
  /** Strings and numbers among its constants. */
  readonly constants?: readonly (string | number)[];
  readonly identifiers?: readonly string[];
}

export const PROBE_FUNCTIONS: readonly ExpectedFunction[] = [
  { name: 'alpha', kind: 'function', parameters: 1, head: 'function alpha(x)', constants: [3, 1] },
  { name: 'beta', kind: 'function', parameters: 2, head: 'function beta(a, b)', constants: [0.5] },
  { name: 'gamma', kind: 'function', parameters: 1, head: 'function gamma(name)', constants: [', ', '!'], identifiers: ['GREETING'] },
  { name: 'Widget', kind: 'constructor', parameters: 1, head: 'constructor(size)', identifiers: ['size'] },
  { name: 'grow', kind: 'method', parameters: 1, head: 'grow(by)', identifiers: ['size'] },
  { name: 'double', kind: 'getter', parameters: 0, head: 'get double()', constants: [2] },
  { name: 'double', kind: 'setter', parameters: 1, head: 'set double(v)', constants: [2] },
  { name: 'make', kind: 'method', parameters: 0, head: 'make()', identifiers: ['Widget'] },
  { name: 'arrow', kind: 'arrow', parameters: 3, head: '(p, q, r) =>', tail: 'p + q + r' },
  { name: 'method', kind: 'method', parameters: 1, head: 'method(z)' },
  { name: 'prop', kind: 'getter', parameters: 0, head: 'get prop()', constants: [42] },
  { name: 'outer', kind: 'function', parameters: 1, head: 'function outer(a)' },
  { name: 'inner', kind: 'function', parameters: 2, head: 'function inner(b, c)' },
  { name: null, kind: 'arrow', parameters: 0, head: '() => b + a + c', tail: 'b + a + c' },
  { name: 'later', kind: 'async', parameters: 1, head: 'async function later(ms)' },
  { name: 'counter', kind: 'generator', parameters: 1, head: 'function* counter(n)' },
];

/** The text of a function in `source`: from `head` to its matching closing brace, or to `tail`. */
export function expectedText(source: string, fn: ExpectedFunction): string {
  const start = source.indexOf(fn.head);
  if (start < 0) throw new Error(`"${fn.head}" is not in the bundled source`);
  if (fn.tail) return source.slice(start, source.indexOf(fn.tail, start) + fn.tail.length);
  let depth = 0;
  for (let i = source.indexOf('{', start); i < source.length; i++) {
    if (source[i] === '{') depth++;
    if (source[i] === '}' && --depth === 0) return source.slice(start, i + 1);
  }
  throw new Error(`no closing brace for "${fn.head}"`);
}
