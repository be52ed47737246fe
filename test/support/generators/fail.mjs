// A test generator that fails: writes part of a file, complains on stderr, exits 3 (or dies by a signal with
// `--signal NAME`).
import { writeFileSync } from 'node:fs';

const [, output, flag, signal] = process.argv.slice(2);
writeFileSync(output, 'partial');
process.stderr.write('generator: starting\n');
process.stderr.write('error: cannot compile src/mod.js: Unexpected token at 3:14\n');
if (flag === '--signal') process.kill(process.pid, signal);
else process.exit(3);
