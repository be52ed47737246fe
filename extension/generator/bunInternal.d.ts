// Bun's internal testing module exists only inside Bun (and only some builds export what the generator
// needs), so it is declared untyped here and checked at run time.
declare module 'bun:internal-for-testing';
