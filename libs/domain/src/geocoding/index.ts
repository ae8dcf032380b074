export * from './address-parser';
export * from './chinese-numeral';
export * from './compass-direction';
