export * from './component-geometry';
export * from './component-state';
