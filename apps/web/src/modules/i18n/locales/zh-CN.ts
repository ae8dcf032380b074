/**
 * Simplified Chinese, the default language. The source of truth for the key set: `en.ts` must
 * have exactly the same keys (checked by the type below and by `locales.spec.ts`).
 */
export const zhCN = {
  app: {
    productName: 'UrbanGrid 数字城管',
    documentTitle: '{{city}} · UrbanGrid 数字城管',
    cityLoading: '正在加载…',
  },
  language: {
    label: '界面语言',
    zhCN: '中文',
    en: 'English',
  },
  map: {
    label: '城市管理地图',
    loadingCity: '正在加载城市信息…',
    retry: '重试',
    layers: {
      title: '图层',
      roads: '道路',
      streets: '街道',
      communities: '社区',
      grids: '单元网格',
      components: '部件',
    },
  },
  errors: {
    title: '地图数据加载失败',
    generic: '发生未知错误，请稍后重试。',
    network: '无法连接服务器，请检查网络后重试。',
    badResponse: '服务器返回了无法识别的响应（HTTP {{status}}）。',
    webglUnavailable: '当前浏览器无法显示地图（WebGL 不可用）。',
    codes: {
      internalError: '服务器内部错误，请稍后重试。',
      databaseUnavailable: '数据库暂时不可用，请稍后重试。',
      mapUnknownLayer: '请求的地图图层不存在。',
      notFound: '请求的资源不存在。',
      tooManyRequests: '请求过于频繁，请稍后重试。',
      unauthenticated: '请先登录。',
      forbidden: '没有权限访问该数据。',
    },
  },
} as const;

/** Same shape as {@link zhCN} with every leaf widened to `string`: the type of every locale. */
export type LocaleMessages = WidenLeaves<typeof zhCN>;

type WidenLeaves<T> = { readonly [K in keyof T]: T[K] extends string ? string : WidenLeaves<T[K]> };
