export * from './errors';
export * from './geojson';
export * from './city';
export * from './health';
export * from './map';
export * from './roles';
export * from './demo-city';
export * from './grid-quality';
