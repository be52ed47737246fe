// DiagnosticSink's counting past the listed diagnostics: addUnlisted (many in one call) and countedInSummary (one, without
// its span or message) record exactly what as many calls of `add` would (the same list, summaries and counts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSink, MAX_DIAGNOSTICS_PER_CODE } from '../../extension/bmes/diagnostics';

test('addUnlisted records what as many adds past the listed ones would', () => {
  const extra = 1234;
  const one = new DiagnosticSink();
  const batched = new DiagnosticSink();
  for (let i = 0; i < MAX_DIAGNOSTICS_PER_CODE; i++) {
    one.add('dangling-module-request', { offset: 100 + i, length: 4 }, `#${i}`);
    batched.add('dangling-module-request', { offset: 100 + i, length: 4 }, `#${i}`);
  }
  assert.equal(batched.listing('dangling-module-request'), false);
  for (let i = 0; i < extra; i++) one.add('dangling-module-request', { offset: 9000 + 4 * i, length: 4 }, '');
  batched.addUnlisted('dangling-module-request', 9000, extra);
  batched.addUnlisted('dangling-module-request', 1, 0);
  assert.deepEqual(batched.sorted(), one.sorted());
  assert.match(batched.sorted().at(-1)!.message, /^1,234 more dangling-module-request diagnostics from 0x2328 on are not listed/);
});

test('addUnlisted is refused while the code is still listed', () => {
  const sink = new DiagnosticSink();
  sink.add('dangling-module-request', { offset: 0, length: 4 }, 'listed');
  assert.throws(() => sink.addUnlisted('dangling-module-request', 8, 3), /still listed/);
});

test('countedInSummary counts what add would once a summary has begun, and nothing before', () => {
  const codes = ['duplicate-export', 'undeclared-local'] as const;
  const plain = new DiagnosticSink();
  const asked = new DiagnosticSink();
  let counted = 0;
  // Two codes interleaved, so that their summaries begin in the order `add` begins them.
  for (let i = 0; i < 4 * MAX_DIAGNOSTICS_PER_CODE; i++) {
    const code = codes[i % 3 === 0 ? 1 : 0]!;
    const span = { offset: 16 + 4 * i, length: 4 };
    plain.add(code, span, `#${i}`);
    if (asked.countedInSummary(code)) counted++;
    else asked.add(code, span, `#${i}`);
  }
  assert.deepEqual(asked.sorted(), plain.sorted());
  assert.equal(counted, 4 * MAX_DIAGNOSTICS_PER_CODE - 2 * (MAX_DIAGNOSTICS_PER_CODE + 1), 'all but the listed and the first counted of each code');
});
