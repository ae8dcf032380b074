export * from './layer-order';
export * from './map-layers';
export * from './map-style';
export * from './theme';
export * from './visibility';
