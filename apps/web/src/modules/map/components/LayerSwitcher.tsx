import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LAYER_TOGGLES, TOGGLE_SWATCHES, type LayerToggle } from '../layers/map-layers';
import type { LayerVisibility } from '../layers/visibility';

export interface LayerSwitcherProps {
  visibility: LayerVisibility;
  onToggle: (layer: LayerToggle) => void;
  /** Extra switches below the layers (grid quality). */
  children?: ReactNode;
}

/** Labelled checkboxes, one per switchable layer group; native inputs, so keyboard-usable as is. */
export function LayerSwitcher({ visibility, onToggle, children }: LayerSwitcherProps) {
  const { t } = useTranslation();
  const idPrefix = useId();
  return (
    <fieldset className="layer-switcher">
      <legend className="layer-switcher__title">{t('map.layers.title')}</legend>
      {LAYER_TOGGLES.map((layer) => {
        const inputId = `${idPrefix}-${layer}`;
        return (
          <div key={layer} className="layer-switcher__item">
            <input
              id={inputId}
              type="checkbox"
              checked={visibility[layer]}
              onChange={() => onToggle(layer)}
              data-layer={layer}
            />
            <label htmlFor={inputId}>
              <span
                className={`layer-switcher__swatch layer-switcher__swatch--${layer}`}
                style={{ borderColor: TOGGLE_SWATCHES[layer] }}
                aria-hidden="true"
              />
              {t(`map.layers.${layer}`)}
            </label>
          </div>
        );
      })}
      {children}
    </fieldset>
  );
}
