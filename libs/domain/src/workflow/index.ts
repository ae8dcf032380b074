export * from './vocabulary';
export * from './case-snapshot';
export * from './case-command';
export * from './case-errors';
export * from './approval-policy';
export * from './transition-table';
export * from './case-machine';
export * from './flow-replay';
