// A test generator that never finishes: `hang.mjs <source> <output> <pidFile> [--ignore-term]`. It writes part
// of its output, starts a child that hangs too (to check that the whole process group is killed), records both
// process ids in <pidFile>, then waits forever. With --ignore-term it ignores SIGTERM, so only SIGKILL ends it.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [, output, pidFile, flag] = process.argv.slice(2);
if (flag === '--ignore-term') process.on('SIGTERM', () => {});
writeFileSync(output, 'half a cache');
const child = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { stdio: ['ignore', 'ignore', 'inherit'] });
writeFileSync(pidFile, JSON.stringify({ generator: process.pid, grandchild: child.pid }));
setInterval(() => {}, 1000);
