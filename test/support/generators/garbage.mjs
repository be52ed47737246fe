// A test generator that "succeeds" but writes something that is not a BMES file.
import { writeFileSync } from 'node:fs';

const [, output] = process.argv.slice(2);
writeFileSync(output, Buffer.from('<html>definitely not a bytecode cache</html>\n'));
