import type { ClassificationDto } from '@urbangrid/contracts';
import { describe, expect, it } from 'vitest';
import { COMPONENT_STATE_NAMES } from '@urbangrid/contracts';
import { zhCN } from '../../i18n/locales/zh-CN';
import { className, componentStateKey, formatDepartment, formatPosition, roundDistance } from './format';

describe('formatPosition', () => {
  it('prints longitude then latitude with five decimals', () => {
    expect(formatPosition([120.152344, 30.3187512])).toBe('120.15234, 30.31875');
  });
});

describe('roundDistance', () => {
  it('rounds by the size of the distance', () => {
    expect(roundDistance(7.4)).toEqual({ value: 7, unit: 'm' });
    // 37 m → nearest 5 m.
    expect(roundDistance(37)).toEqual({ value: 35, unit: 'm' });
    // 438 m → nearest 10 m.
    expect(roundDistance(438)).toEqual({ value: 440, unit: 'm' });
    // 1,260 m → 1.3 km.
    expect(roundDistance(1260)).toEqual({ value: 1.3, unit: 'km' });
    // 996 m would round to "1000 m"; say 1 km instead.
    expect(roundDistance(996)).toEqual({ value: 1, unit: 'km' });
    expect(roundDistance(-3)).toEqual({ value: 0, unit: 'm' });
  });
});

describe('formatDepartment', () => {
  it('joins name and code, or uses whichever is there', () => {
    expect(formatDepartment({ name: '区市政养护所', code: '330105-01' })).toBe('区市政养护所 (330105-01)');
    expect(formatDepartment({ name: '区市政养护所', code: null })).toBe('区市政养护所');
    expect(formatDepartment({ name: ' ', code: '330105-01' })).toBe('330105-01');
    expect(formatDepartment({ name: null, code: null })).toBeNull();
    expect(formatDepartment(null)).toBeNull();
  });
});

describe('className', () => {
  const manhole = { code: '0101', name: '上水井盖', nameEn: 'Water manhole cover' } as ClassificationDto;
  it('uses the English name in English when the class has one', () => {
    expect(className(manhole, 'zh-CN')).toBe('上水井盖');
    expect(className(manhole, 'en')).toBe('Water manhole cover');
    expect(className({ ...manhole, nameEn: null }, 'en')).toBe('上水井盖');
    expect(className(undefined, 'en')).toBeNull();
  });
});

describe('componentStateKey', () => {
  it('gives every component state a message whose Chinese text is the state itself', () => {
    for (const state of COMPONENT_STATE_NAMES) {
      const key = componentStateKey(state);
      expect(key, state).not.toBeNull();
      if (key) expect(zhCN.featureInfo.states[key]).toBe(state);
    }
  });

  it('has no key for an unknown state (or an inherited property name)', () => {
    expect(componentStateKey('待核查')).toBeNull();
    expect(componentStateKey('toString')).toBeNull();
  });
});
