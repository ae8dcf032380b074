export * from './errors';
export * from './regions';
export * from './classes';
export * from './geo';
export * from './geocoding';
export * from './components';
export * from './workflow';
export * from './time-limits';
