import type { AttachmentDto } from '@urbangrid/contracts';
import type { AcceptanceItemInput, AcceptanceProfile, AcceptanceResult } from '@urbangrid/domain';
import { send } from '../../admin/api/admin-api';
import { getJson } from '../../map/api/http';
import { isRecord } from '../../map/api/guards';

/** The acceptance result with the profile it was computed under (forms need the items' rules). */
export interface AcceptanceView {
  profile: AcceptanceProfile;
  result: AcceptanceResult;
}

const isView = (v: unknown): v is AcceptanceView =>
  isRecord(v) && isRecord(v.profile) && isRecord(v.result) && Array.isArray(v.result.items);

export function fetchAcceptance(signal?: AbortSignal): Promise<AcceptanceView> {
  return getJson('/api/v1/acceptance/result', isView, signal);
}

/** A reviewer's answer to one manual item; answers with the recomputed result. */
export function answerItem(itemId: string, input: AcceptanceItemInput): Promise<AcceptanceView> {
  return send(
    `/api/v1/acceptance/items/${encodeURIComponent(itemId)}`,
    { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) },
    isView,
  );
}

/** Uploads a photo as evidence (POST /attachments); its id is the evidence's `ref`. */
export function uploadEvidence(file: File): Promise<AttachmentDto> {
  const form = new FormData();
  form.set('purpose', 'acceptance');
  form.set('file', file);
  return send(
    '/api/v1/attachments',
    { method: 'POST', body: form },
    (v): v is AttachmentDto => isRecord(v) && typeof v.id === 'string',
  );
}
