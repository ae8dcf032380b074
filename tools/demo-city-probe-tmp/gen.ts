import { composeGridCode } from '@urbangrid/domain';
export function f(): string { return composeGridCode('330105001002', 7, 'gbt30428-15'); }
