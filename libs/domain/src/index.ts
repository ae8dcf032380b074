export * from './errors';
export * from './regions';
