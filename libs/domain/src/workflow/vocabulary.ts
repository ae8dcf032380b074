/**
 * The words of the case loop (spec 03 §6): states, actions, sources, stages and roles.
 * Every other part of the workflow, the time limits, the API and the web speak these.
 */

/** Roles of the case loop (spec 03 §2). Same list as `ROLE_CODES` in @urbangrid/contracts. */
export const CASE_ROLES = [
  'inspector', // 监督员
  'operator', // 受理员
  'shift_leader', // 值班长
  'dispatcher', // 派遣员
  'department', // 专业部门 handler
  'leader', // 领导
  'admin', // 管理员 (no workflow acts)
] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

/** Case states (spec 03 §6.1 and the refinements of §6.2). */
export const CASE_STATES = [
  'REPORTED', // 已上报, waiting for 受理
  'VERIFYING', // 核实中 (public sources)
  'SELF_AUDIT', // 自处理审核
  'ACCEPTED', // 已受理, waiting for 立案
  'FILED', // 已立案, waiting for 派遣
  'DISPATCHED', // 已派遣, waiting for the department to accept (签收)
  'PROCESSING', // 处置中
  'RETURN_PENDING', // 回退审批中
  'EXTENSION_PENDING', // 延期审批中
  'PARK_PENDING', // 挂账审批中
  'PARKED', // 已挂账 (缓办), clock paused
  'FEEDBACK', // 已反馈, waiting for 发核查
  'CHECKING', // 核查中
  'TO_CLOSE', // 待结案
  'REWORK', // 返工, waiting for re-dispatch
  'VOID_PENDING', // 作废审批中
  'CLOSED', // 已结案 (terminal)
  'REJECTED', // 不予受理 (terminal)
  'VOID', // 已作废 / 不予立案 (terminal)
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const TERMINAL_STATES: readonly CaseState[] = ['CLOSED', 'REJECTED', 'VOID'];

/** Where a report came from (spec 04 §4). */
export const CASE_SOURCES = [
  'patrol', // 监督员上报
  'self_disposal', // 监督员自处理
  'hotline_12345',
  'hotline_12319',
  'public_web', // web / WeChat / Open311
  'video', // 视频巡查
  'leader', // 领导交办
  'media', // 媒体曝光
  'sensor', // IoT / AI alarm
] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** Public sources always go to 核实 before 受理 (spec 03 §3). */
export const PUBLIC_SOURCES: readonly CaseSource[] = ['hotline_12345', 'hotline_12319', 'public_web', 'media'];

/**
 * Actions (transitions) of spec 03 §6.3, one name per row. The API exposes each as
 * `POST /api/v1/cases/:id/actions/:action`, except the three creating actions.
 */
export const CASE_ACTIONS = [
  'report', // 上报 (patrol) → REPORTED
  'register', // 登记 (public / hotline / video / leader source) → REPORTED
  'selfReport', // 自处理上报 → SELF_AUDIT
  'sendVerify', // 发核实 REPORTED → VERIFYING
  'answerVerify', // 监督员 核实 属实/不属实 (stays VERIFYING, answer recorded)
  'accept', // 受理 REPORTED|VERIFYING(属实) → ACCEPTED
  'reject', // 不予受理 REPORTED|VERIFYING → REJECTED
  'auditSelfDisposal', // 自处理审核 pass/fail SELF_AUDIT → CLOSED|ACCEPTED
  'file', // 立案 ACCEPTED → FILED
  'refuseFiling', // 不予立案 / 作废 ACCEPTED → VOID
  'dispatch', // 派遣 FILED|REWORK → DISPATCHED
  'acceptTask', // 签收 DISPATCHED → PROCESSING
  'requestReturn', // 回退申请 DISPATCHED|PROCESSING → RETURN_PENDING
  'decideReturn', // 回退审批 → FILED | previous
  'requestExtension', // 延期申请 PROCESSING → EXTENSION_PENDING
  'decideExtension', // 延期审批 → PROCESSING (deadline += Δ when approved)
  'requestPark', // 挂账申请 PROCESSING → PARK_PENDING
  'decidePark', // 挂账审批 → PARKED | PROCESSING
  'resume', // 挂账恢复 PARKED → PROCESSING
  'feedback', // 处理反馈 PROCESSING → FEEDBACK
  'sendCheck', // 发核查 FEEDBACK → CHECKING
  'answerCheck', // 核查 已处理 → TO_CLOSE, 未处理 → REWORK
  'close', // 结案 TO_CLOSE → CLOSED
  'rework', // 返工 TO_CLOSE → REWORK
  'requestVoid', // 作废申请 FILED…TO_CLOSE → VOID_PENDING
  'decideVoid', // 作废审批 → VOID | previous
  'supervise', // 督办 (no state change)
  'replySupervision', // 督办回复 (no state change)
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * Timed stages (spec 03 §7.2, §12). A stage starts when the case enters the state that waits
 * for it and ends with the action that leaves it; `dispose` is the 处置时限 of the filing standard.
 */
export const CASE_STAGES = [
  'accept', // 受理 (REPORTED → ACCEPTED/REJECTED, or → VERIFYING for public sources: 核实派发)
  'verify', // 核实 (VERIFYING: the inspector's answer)
  'file', // 立案 (ACCEPTED)
  'dispatch', // 派遣 (FILED, REWORK)
  'dispose', // 处置 (DISPATCHED … FEEDBACK), the disposal limit
  'sendCheck', // 核查派发 (FEEDBACK)
  'check', // 核查 (CHECKING: the inspector's answer)
  'close', // 结案 (TO_CLOSE)
  'selfAudit', // 自处理审核 (SELF_AUDIT)
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** Closure types (spec 03 §6.4). */
export const CLOSURE_TYPES = ['normal', 'late', 'error', 'special', 'self_disposal'] as const;
export type ClosureType = (typeof CLOSURE_TYPES)[number];

/** Requests that go through an approval chain (spec 03 §3). */
export const APPROVAL_KINDS = ['return', 'extension', 'park', 'void'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** Time-limit units (spec 03 §7.1): 分钟, 小时, 工作时, 工作日, 天. */
export const TIME_UNITS = ['minute', 'hour', 'working_hour', 'working_day', 'day'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** Time-limit traffic light (spec 03 §10). */
export const DEADLINE_COLOURS = ['green', 'yellow', 'red'] as const;
export type DeadlineColour = (typeof DEADLINE_COLOURS)[number];

/** What a case is about (spec 01): a 部件 component or an 事件 event. */
export const CASE_KINDS = ['component', 'event'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** 不予受理 reasons (spec 03 §3, §5): out of scope, duplicate (with `duplicateOf`), 不属实, too little information. */
export const REJECT_REASONS = ['out_of_scope', 'duplicate', 'not_verified', 'insufficient_info'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** 不予立案 / 作废 reasons (spec 03 §3): 立案条件 not met, duplicate of an open case, wrong report. */
export const VOID_REASONS = ['condition_not_met', 'duplicate', 'wrong_report', 'other'] as const;
export type VoidReason = (typeof VOID_REASONS)[number];

/** 回退 reasons (spec 03 §3): `misrouted` is the dispatcher's error, the rest need the long chain in many cities. */
export const RETURN_REASONS = ['misrouted', 'not_responsible', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** 挂账 reasons (spec 03 §3): engineering or seasonal work, conditions not yet present. */
export const PARK_REASONS = ['engineering', 'seasonal', 'conditions_missing', 'other'] as const;
export type ParkReason = (typeof PARK_REASONS)[number];
