export * from './pattern';
export * from './search';
