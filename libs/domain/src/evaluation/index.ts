export * from './rational';
export * from './evaluation-counts';
export * from './evaluation-profile';
export * from './evaluation-profile-validation';
export * from './evaluation-engine';
export * from './evaluation-calculators';
export * from './evaluation-ranking';
export * from './evaluation-profiles';
