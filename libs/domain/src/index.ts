export * from './errors';
export * from './regions';
export * from './geo';
