export { CityMap, type CityMapProps } from './components/CityMap';
export type { AsyncState } from './hooks/async-state';
export { useCityInfo } from './hooks/useCityInfo';
