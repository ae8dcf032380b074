export * from './grid-code';
