export * from './coordinates';
export * from './spherical';
export * from './geojson-geometry';
