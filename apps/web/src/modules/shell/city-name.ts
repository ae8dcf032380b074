import type { CityInfo } from '@urbangrid/contracts';

/** The city name for the header: the English name in English when there is one, else the Chinese name. */
export function cityDisplayName(city: Pick<CityInfo, 'name' | 'nameEn'>, language: string): string {
  const english = city.nameEn?.trim();
  return language.toLowerCase().startsWith('en') && english ? english : city.name;
}
