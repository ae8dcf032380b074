import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
  assertComponentState,
  COMPONENT_STATES,
  COMPONENT_STATES_BY_SCHEME,
  isComponentState,
} from './component-state';

describe('component state (spec 01 §2.9)', () => {
  it('lists the union of both schemes, CJ/T 214 first', () => {
    // CJ/T 214: 完好 破损 丢失 占用; 运管服 adds 废弃 移除 → six values.
    expect(COMPONENT_STATES).toEqual(['完好', '破损', '丢失', '占用', '废弃', '移除']);
    expect(COMPONENT_STATES_BY_SCHEME.cjt214).toEqual(['完好', '破损', '丢失', '占用']);
    expect(COMPONENT_STATES_BY_SCHEME.yunguanfu).toEqual(['完好', '破损', '丢失', '废弃', '移除']);
  });

  it('accepts a state of either scheme when no scheme is named', () => {
    expect(assertComponentState('占用')).toBe('占用');
    expect(assertComponentState('移除')).toBe('移除');
    expect(isComponentState('破损')).toBe(true);
    expect(isComponentState('broken')).toBe(false);
  });

  it('refuses a state outside the named scheme with COMPONENT.STATE_UNKNOWN', () => {
    // 占用 is a CJ/T 214 state only.
    const err = (() => {
      try {
        assertComponentState('占用', 'yunguanfu');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('COMPONENT.STATE_UNKNOWN');
    expect((err as DomainError).details?.[0].field).toBe('state');
  });
});
