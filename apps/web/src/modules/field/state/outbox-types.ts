import type {
  AttachmentPurpose,
  CaseAction,
  CaseActionRequest,
  CreateCaseRequest,
} from '@urbangrid/contracts';

/** One photo waiting in the outbox: the image itself and, once uploaded, its attachment id. */
export interface QueuedPhoto {
  /** The image; dropped (null) once the item is sent, to give the device its space back. */
  blob: Blob | null;
  name: string;
  purpose: AttachmentPurpose;
  /** Set as soon as the upload succeeded, so a resend never uploads it twice. */
  attachmentId: string | null;
}

/** A report (上报 / 自处理上报): the intake body without its attachment ids (added when sent). */
export interface QueuedCaseRequest {
  type: 'case';
  body: Omit<CreateCaseRequest, 'attachmentIds'>;
}

/** A task answer (核实 / 核查): the action body without its attachment ids. */
export interface QueuedActionRequest {
  type: 'action';
  caseId: string;
  action: Extract<CaseAction, 'answerVerify' | 'answerCheck'>;
  body: Omit<CaseActionRequest, 'attachmentIds'>;
}

export type QueuedRequest = QueuedCaseRequest | QueuedActionRequest;

/**
 * 等待网络 waiting, 发送中 sending, 已发送 sent, 发送失败 failed (refused by the server: needs the
 * inspector; never retried by itself).
 */
export type OutboxStatus = 'waiting' | 'sending' | 'sent' | 'failed';

/** What the inspector saw when queuing, so the list reads well without the network. */
export interface OutboxLabel {
  /** Small class name (or the case number of a task). */
  title: string;
  description: string;
  gridCode: string | null;
  gridName: string | null;
}

export interface OutboxItem {
  /**
   * Stable idempotency key of the main request, made once when queued. Photo uploads use
   * `${key}.photo.${index}`: the same key on every resend, so the server replays, never repeats.
   */
  key: string;
  /** Queue order: items are sent oldest first. */
  seq: number;
  /** The signed-in user who queued it: only that user's session sends it (shared devices). */
  owner: string;
  createdAt: string;
  request: QueuedRequest;
  photos: QueuedPhoto[];
  label: OutboxLabel;
  status: OutboxStatus;
  attempts: number;
  lastError: { code: string; message: string } | null;
  /** Set when sent: the case the server created or answered. */
  result: { caseId: string; caseNo: string } | null;
  sentAt: string | null;
}

/** Where outbox items are kept (IndexedDB in the browser, a Map in tests). */
export interface OutboxStore {
  /** Every item, in `seq` order. */
  list(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The network side of the outbox: each call carries its idempotency key. */
export interface OutboxTransport {
  uploadPhoto(photo: QueuedPhoto, idempotencyKey: string): Promise<{ id: string }>;
  send(
    request: QueuedRequest,
    attachmentIds: string[],
    idempotencyKey: string,
  ): Promise<{ caseId: string; caseNo: string }>;
}
