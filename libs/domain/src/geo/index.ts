export * from './coordinates';
export * from './spherical';
