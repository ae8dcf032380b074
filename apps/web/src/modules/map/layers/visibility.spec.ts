import { describe, expect, it } from 'vitest';
import { INITIAL_LAYER_VISIBILITY, isToggleVisible, layerVisibilityReducer } from './visibility';

describe('layerVisibilityReducer', () => {
  it('starts with every layer shown', () => {
    expect(INITIAL_LAYER_VISIBILITY).toEqual({
      roads: true,
      streets: true,
      communities: true,
      grids: true,
      components: true,
    });
  });

  it('toggles one layer without touching the others', () => {
    const hidden = layerVisibilityReducer(INITIAL_LAYER_VISIBILITY, { type: 'toggle', layer: 'grids' });
    expect(hidden).toEqual({ roads: true, streets: true, communities: true, grids: false, components: true });
    expect(INITIAL_LAYER_VISIBILITY.grids).toBe(true);
    expect(layerVisibilityReducer(hidden, { type: 'toggle', layer: 'grids' })).toEqual(
      INITIAL_LAYER_VISIBILITY,
    );
  });

  it('sets a layer, keeping the same state object when nothing changes', () => {
    const state = layerVisibilityReducer(INITIAL_LAYER_VISIBILITY, {
      type: 'set',
      layer: 'roads',
      visible: false,
    });
    expect(state.roads).toBe(false);
    expect(layerVisibilityReducer(state, { type: 'set', layer: 'roads', visible: false })).toBe(state);
  });

  it('shows everything again', () => {
    const state = layerVisibilityReducer(
      layerVisibilityReducer(INITIAL_LAYER_VISIBILITY, { type: 'toggle', layer: 'roads' }),
      { type: 'toggle', layer: 'streets' },
    );
    expect(layerVisibilityReducer(state, { type: 'showAll' })).toEqual(INITIAL_LAYER_VISIBILITY);
    expect(layerVisibilityReducer(INITIAL_LAYER_VISIBILITY, { type: 'showAll' })).toBe(
      INITIAL_LAYER_VISIBILITY,
    );
  });

  it('keeps always-on layers visible', () => {
    const none = { roads: false, streets: false, communities: false, grids: false, components: false };
    expect(isToggleVisible(none, null)).toBe(true);
    expect(isToggleVisible(none, 'grids')).toBe(false);
  });
});
