export * from './address-parser';
export * from './chinese-numeral';
export * from './compass-direction';
export * from './description';
export * from './house-number-interpolation';
export * from './match-level';
