export * from './class-code';
export * from './class-seed';
export * from './component-code';
