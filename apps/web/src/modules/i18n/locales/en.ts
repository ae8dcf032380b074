import type { LocaleMessages } from './zh-CN';

/** English. Keys must match `zh-CN.ts` exactly (enforced by the type and by `locales.spec.ts`). */
export const en: LocaleMessages = {
  app: {
    productName: 'UrbanGrid Digital City Management',
    documentTitle: '{{city}} · UrbanGrid',
    cityLoading: 'Loading…',
  },
  language: {
    label: 'Language',
    zhCN: '中文',
    en: 'English',
  },
  map: {
    label: 'City management map',
    loadingCity: 'Loading city information…',
    retry: 'Retry',
    layers: {
      title: 'Layers',
      roads: 'Roads',
      streets: 'Streets',
      communities: 'Communities',
      grids: 'Unit grids',
      components: 'Components',
    },
  },
  errors: {
    title: 'Could not load map data',
    generic: 'Something went wrong. Please try again later.',
    network: 'Cannot reach the server. Check your connection and try again.',
    badResponse: 'The server sent an unexpected response (HTTP {{status}}).',
    webglUnavailable: 'This browser cannot display the map (WebGL is unavailable).',
    codes: {
      internalError: 'The server had an internal error. Please try again later.',
      databaseUnavailable: 'The database is temporarily unavailable. Please try again later.',
      mapUnknownLayer: 'The requested map layer does not exist.',
      notFound: 'The requested resource was not found.',
      tooManyRequests: 'Too many requests. Please wait a moment and try again.',
      unauthenticated: 'Please sign in first.',
      forbidden: 'You are not allowed to see this data.',
    },
  },
};
