export * from './case-step';
