import { casesZhCN } from '../../cases/i18n/cases.zh-CN';
import { fieldZhCN } from '../../field/i18n/field.zh-CN';
import { dashboardZhCN } from '../../dashboard/i18n/dashboard.zh-CN';
import { acceptanceZhCN } from '../../acceptance/i18n/acceptance.zh-CN';
import { adminZhCN } from '../../admin/i18n/admin.zh-CN';
import { publicReportZhCN } from '../../public-report/i18n/public-report.zh-CN';

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
  featureInfo: {
    title: '位置信息',
    close: '关闭位置信息',
    loading: '正在查询…',
    distanceM: '约{{value}}米',
    distanceKm: '约{{value}}公里',
    regions: {
      title: '所属区域',
      none: '该位置不在任何单元网格内。',
      grid: '单元网格',
      community: '社区',
      street: '街道',
      district: '区',
    },
    address: {
      title: '地址',
      none: '附近没有可用的地址。',
      description: '位置描述',
      nearest: '最近门牌',
    },
    component: {
      title: '部件',
      none: '附近没有部件。',
      code: '部件标识码',
      class: '小类',
      state: '状态',
      maintainer: '养护单位',
      owner: '权属单位',
      initialDate: '初始日期',
      changeDate: '变更日期',
    },
    states: {
      intact: '完好',
      damaged: '破损',
      missing: '丢失',
      occupied: '占用',
      abandoned: '废弃',
      removed: '移除',
    },
  },
  search: {
    label: '搜索网格编码、部件编码或地址',
    placeholder: '网格编码、部件编码或地址',
    open: '打开搜索',
    submit: '搜索',
    loading: '正在搜索…',
    count: '找到 {{count}} 个地址，用方向键选择',
    candidates: '地址候选',
    empty: {
      grid: '没有找到该单元网格。',
      component: '没有找到该部件。',
      address: '没有匹配的地址。',
    },
  },
  quality: {
    toggle: '网格质检',
    running: '正在检查单元网格，可能需要几秒钟…',
    summary: '已检查 {{grids}} 个单元网格：错误 {{errors}} 个，警告 {{warnings}} 个',
    noFindings: '未发现问题。',
    noErrors: '未发现错误。',
    byCheck: '按检查项统计',
    checks: {
      'invalid-geometry': '几何无效',
      'area-out-of-bounds': '面积超出范围',
      overlap: '网格重叠',
      gap: '网格间缝隙',
      'outside-community': '超出所属社区',
      'duplicate-code': '编码重复',
      'code-parent-mismatch': '编码与上级不符',
      'sequence-order': '顺序码不连续',
    },
  },
  auth: {
    documentTitle: '登录 · UrbanGrid 数字城管',
    title: '登录',
    username: '用户名',
    password: '密码',
    signIn: '登录',
    signingIn: '正在登录…',
    signOut: '退出登录',
    restoring: '正在恢复登录…',
    errors: {
      missing: '请输入用户名和密码。',
      invalidCredentials: '用户名或密码错误。',
      locked: '登录失败次数过多，账号已锁定，请于 {{time}} 后重试或联系管理员解锁。',
      disabled: '该账号已停用，请联系管理员。',
    },
    roles: {
      inspector: '监督员',
      operator: '受理员',
      shift_leader: '值班长',
      dispatcher: '派遣员',
      department: '专业部门',
      leader: '领导',
      admin: '管理员',
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
      regionNotFound: '没有找到该区域。',
      outOfExtent: '该位置在城市范围之外。',
      geocodeUnparseable: '无法识别这段地址，请换一种写法。',
      componentNotFound: '没有找到该部件。',
      componentCodeMalformed: '部件编码格式不正确。',
    },
  },
  cases: casesZhCN,
  field: fieldZhCN,
  dashboard: dashboardZhCN,
  acceptance: acceptanceZhCN,
  admin: adminZhCN,
  publicReport: publicReportZhCN,
} as const;

/** Same shape as {@link zhCN} with every leaf widened to `string`: the type of every locale. */
export type LocaleMessages = WidenLeaves<typeof zhCN>;

type WidenLeaves<T> = { readonly [K in keyof T]: T[K] extends string ? string : WidenLeaves<T[K]> };
