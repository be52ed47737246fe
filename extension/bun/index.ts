/** The configured Bun, asked from Node: version, revision and JavaScriptCore cache version; and running programs. */
export { probeBun, BunProbeError, type BunInfo, type ProbeOptions } from './probe';
export { BunProber } from './bunProber';
export { resolveExecutable, expandHome } from './resolveExecutable';
export { runProcess, firstLine, lastLines, type RunOptions, type RunResult } from './runProcess';
