// DiagnosticSink.addUnlisted: counting the diagnostics past the listed ones in one call records exactly what as many
// calls of `add` would (the same list, the same summary, the same counts), and is refused while they would be listed.
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
