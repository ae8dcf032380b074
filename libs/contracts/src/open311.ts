/**
 * Open311 GeoReport v2 JSON as served under /open311/v2 (spec 07). Field names are the
 * specification's (snake_case); identifiers are strings. Absent optional fields are left out.
 */

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface Open311AttributeValue {
  key: string;
  name: string;
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values: Open311AttributeValue[];
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

/** The answer to a POST: `service_request_id` (realtime) or `token` (batch), never both. */
export interface Open311PostAnswer {
  service_request_id?: string;
  token?: string;
  service_notice?: string;
  account_id?: string;
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes?: string;
  service_name?: string;
  service_code: string;
  description?: string;
  agency_responsible?: string;
  service_notice?: string;
  requested_datetime: string;
  updated_datetime?: string;
  expected_datetime?: string;
  address?: string;
  lat?: number;
  long?: number;
  media_url?: string;
  /** With `extensions=true` (spec 07 §11). */
  extended_attributes?: {
    detailed_status: string;
    channel: string;
    title: string;
    media_urls: string[];
    service_object_type?: string;
    service_object_id?: string;
  };
}

export interface Open311TokenAnswer {
  service_request_id: string;
  token: string;
}

export interface Open311ErrorItem {
  code: number;
  description: string;
}

/** `POST media.json` (ours, spec 07 §11 media upload): put `media_url` into the request POST. */
export interface Open311Media {
  media_id: string;
  media_url: string;
}

/** `area.json` (ours): the city's extent and base map for a client's map picker. */
export interface Open311Area {
  name: string;
  name_en: string | null;
  min_lat: number;
  min_long: number;
  max_lat: number;
  max_long: number;
  basemap_url: string | null;
  /** The Open311 key of this server's citizen page (channel `public-web`, limited per IP). */
  web_key: string | null;
}

/** An API key as administrators list it (`GET /api/v1/open311/keys`); the key itself only on issue. */
export interface Open311ApiKeyView {
  id: string;
  keyPrefix: string;
  channel: string;
  label: string;
  perIpOnly: boolean;
  actingUsername: string;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}
