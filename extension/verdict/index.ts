/** Verdicts on files of any kind (pure): `verdict.ts` is the model, one module per file kind builds its checks. */
export * from './verdict';
export * from './bmesVerdict';
export * from './artifactVerdicts';
