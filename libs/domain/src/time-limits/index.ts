export * from './calendar';
export * from './settings';
export * from './deadline';
export * from './case-clock';
export * from './filing-standard';
export * from './time-limit-seed';
