export * from './acceptance-profile';
export * from './acceptance-profile-validation';
export * from './acceptance-engine';
export * from './acceptance-metrics';
export * from './acceptance-profiles';
