import type {
  CaseKind,
  CaseSource,
  ClosureType,
  ParkReason,
  RejectReason,
  ReturnReason,
  TimeUnit,
  VoidReason,
} from './vocabulary';

/** Every command may carry an opinion (意见), stored on the flow record. */
interface WithOpinion {
  readonly opinion?: string | null;
}

interface CreateFields extends WithOpinion {
  /** Id of the new case, chosen by the caller (uuid). */
  readonly caseId: string;
  readonly kind: CaseKind;
  readonly smallClassCode: string;
  readonly gridCode: string;
}

/** The three actions that create a case (spec 03 §6.3, rows with no "from"). */
export type CreateCaseCommand =
  /** 上报: patrol report by an inspector → REPORTED. */
  | (CreateFields & { readonly type: 'report' })
  /** 登记: public / hotline / video / leader / sensor source by an operator → REPORTED. */
  | (CreateFields & {
      readonly type: 'register';
      readonly source: CaseSource;
      readonly reporterId?: string | null;
    })
  /** 自处理上报: fixed on the spot by an inspector → SELF_AUDIT. */
  | (CreateFields & { readonly type: 'selfReport' });

/** The actions on an existing case, each with its payload. */
export type CaseCommand =
  /** 发核实; `inspectorId` null = any inspector of the case's grid. */
  | (WithOpinion & { readonly type: 'sendVerify'; readonly inspectorId: string | null })
  /** 核实 answer: 属实 true / 不属实 false. */
  | (WithOpinion & { readonly type: 'answerVerify'; readonly truthful: boolean })
  | (WithOpinion & { readonly type: 'accept' })
  | (WithOpinion & {
      readonly type: 'reject';
      readonly reasonCode: RejectReason;
      readonly duplicateOf?: string | null;
    })
  | (WithOpinion & { readonly type: 'auditSelfDisposal'; readonly pass: boolean })
  /** 立案; `filingStandardId` names the 立结案标准 row used (copied by the time-limit code). */
  | (WithOpinion & { readonly type: 'file'; readonly filingStandardId?: string | null })
  | (WithOpinion & {
      readonly type: 'refuseFiling';
      readonly reasonCode: VoidReason;
      readonly duplicateOf?: string | null;
    })
  | (WithOpinion & { readonly type: 'dispatch'; readonly departmentId: string })
  | (WithOpinion & { readonly type: 'acceptTask' })
  | (WithOpinion & {
      readonly type: 'requestReturn';
      readonly reasonCode: ReturnReason;
      readonly targetDepartmentId?: string | null;
    })
  | (WithOpinion & { readonly type: 'decideReturn'; readonly approve: boolean })
  | (WithOpinion & {
      readonly type: 'requestExtension';
      readonly amount: number;
      readonly unit: TimeUnit;
      readonly engineering?: boolean;
      readonly batchSize?: number;
    })
  | (WithOpinion & { readonly type: 'decideExtension'; readonly approve: boolean })
  | (WithOpinion & {
      readonly type: 'requestPark';
      readonly reasonCode: ParkReason;
      readonly engineering?: boolean;
      readonly batchSize?: number;
    })
  | (WithOpinion & { readonly type: 'decidePark'; readonly approve: boolean })
  | (WithOpinion & { readonly type: 'resume' })
  | (WithOpinion & { readonly type: 'feedback' })
  /** 发核查; `inspectorId` null = any inspector of the case's grid. */
  | (WithOpinion & { readonly type: 'sendCheck'; readonly inspectorId: string | null })
  /** 核查 answer: 已处理 true / 未处理 false. */
  | (WithOpinion & { readonly type: 'answerCheck'; readonly done: boolean })
  /** 结案; closure type defaults to `normal` (`late` is the caller's finding from the deadlines). */
  | (WithOpinion & { readonly type: 'close'; readonly closureType?: Exclude<ClosureType, 'self_disposal'> })
  | (WithOpinion & { readonly type: 'rework' })
  | (WithOpinion & {
      readonly type: 'requestVoid';
      readonly reasonCode: VoidReason;
      readonly duplicateOf?: string | null;
    })
  | (WithOpinion & { readonly type: 'decideVoid'; readonly approve: boolean })
  /** 督办: the opinion is the supervision notice (督办意见), required. */
  | { readonly type: 'supervise'; readonly opinion: string }
  /** 督办回复: the department's reply, required. */
  | { readonly type: 'replySupervision'; readonly opinion: string };

export type CaseCommandType = CaseCommand['type'];
export type CreateCaseCommandType = CreateCaseCommand['type'];
