import { DomainError } from '../errors';

/**
 * 部件状态 component state (GB/T 30428.2, spec 01 §2.9). The exact list of the standard is
 * uncertain, so it is kept per scheme: the CJ/T 214 era uses 完好 intact / 破损 damaged /
 * 丢失 lost / 占用 occupied; the 运管服 successor uses 完好 / 破损 / 丢失 / 废弃 abandoned /
 * 移除 removed. Stored as the Chinese value, as exchange files carry it.
 */
export type ComponentState = '完好' | '破损' | '丢失' | '占用' | '废弃' | '移除';

/** Every state of either scheme; the database check constraint lists the same values. */
export const COMPONENT_STATES: readonly ComponentState[] = ['完好', '破损', '丢失', '占用', '废弃', '移除'];

export type ComponentStateScheme = 'cjt214' | 'yunguanfu';

export const COMPONENT_STATES_BY_SCHEME: Record<ComponentStateScheme, readonly ComponentState[]> = {
  cjt214: ['完好', '破损', '丢失', '占用'],
  yunguanfu: ['完好', '破损', '丢失', '废弃', '移除'],
};

/** The state of a newly registered component. */
export const INITIAL_COMPONENT_STATE: ComponentState = '完好';

export function isComponentState(value: unknown): value is ComponentState {
  return typeof value === 'string' && (COMPONENT_STATES as readonly string[]).includes(value);
}

/** Throws `COMPONENT.STATE_UNKNOWN` unless the value is a state of the scheme (of either, by default). */
export function assertComponentState(value: unknown, scheme?: ComponentStateScheme): ComponentState {
  const allowed = scheme ? COMPONENT_STATES_BY_SCHEME[scheme] : COMPONENT_STATES;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as ComponentState;
  const message = `state must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`;
  throw new DomainError('COMPONENT.STATE_UNKNOWN', message, [{ field: 'state', message }]);
}

/**
 * 数据来源 data source (spec 01 §2.8 field 14): 实测 surveyed / 地形图 topographic map /
 * 调绘 field mapping / 其它 other; the 运管服 list adds 基础地理数据 base geographic data.
 */
export type ComponentDataSource = '实测' | '地形图' | '调绘' | '其它' | '基础地理数据';

export const COMPONENT_DATA_SOURCES: readonly ComponentDataSource[] = [
  '实测',
  '地形图',
  '调绘',
  '其它',
  '基础地理数据',
];
