import { LAYER_TOGGLES, type LayerToggle } from './map-layers';

export type LayerVisibility = Readonly<Record<LayerToggle, boolean>>;

export type LayerVisibilityAction =
  | { type: 'toggle'; layer: LayerToggle }
  | { type: 'set'; layer: LayerToggle; visible: boolean }
  | { type: 'showAll' };

export const INITIAL_LAYER_VISIBILITY: LayerVisibility = {
  roads: true,
  streets: true,
  communities: true,
  grids: true,
  components: true,
};

export function layerVisibilityReducer(
  state: LayerVisibility,
  action: LayerVisibilityAction,
): LayerVisibility {
  switch (action.type) {
    case 'toggle':
      return { ...state, [action.layer]: !state[action.layer] };
    case 'set':
      return state[action.layer] === action.visible ? state : { ...state, [action.layer]: action.visible };
    case 'showAll':
      return LAYER_TOGGLES.every((layer) => state[layer]) ? state : INITIAL_LAYER_VISIBILITY;
  }
}

/** A toggle of null (always-on layers) is visible. */
export function isToggleVisible(state: LayerVisibility, toggle: LayerToggle | null): boolean {
  return toggle === null || state[toggle];
}
