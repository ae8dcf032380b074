import { EnablePostgis1763800000000 } from './1763800000000-enablePostgis';
import { RegionsAndRoads1763800000100 } from './1763800000100-regionsAndRoads';
import { DepartmentsAndUsers1763800000200 } from './1763800000200-departmentsAndUsers';
import { Classes1763800000300 } from './1763800000300-classes';
import { RegionStaging1763800000400 } from './1763800000400-regionStaging';
import { Components1763800000500 } from './1763800000500-components';
import { Geocoding1763800000600 } from './1763800000600-geocoding';
import { Imports1763800000800 } from './1763800000800-imports';
import { ComponentTileIndexes1763800000900 } from './1763800000900-componentTileIndexes';
import { TimeLimits1763800001100 } from './1763800001100-timeLimits';
import { Cases1763800001200 } from './1763800001200-cases';
import { AuthSessions1763800001000 } from './1763800001000-authSessions';
import { ReferenceGeneration1763800001300 } from './1763800001300-referenceGeneration';
import { Attachments1763800001400 } from './1763800001400-attachments';
import { AuditLog1763800001500 } from './1763800001500-auditLog';
import { CitizenDataEncrypted1763800001600 } from './1763800001600-citizenDataEncrypted';
import { IdempotencyResource1763800001700 } from './1763800001700-idempotencyResource';
import { Open3111763800001800 } from './1763800001800-open311';
import { Evaluation1763800001900 } from './1763800001900-evaluation';
import { AuditChains1763800002000 } from './1763800002000-auditChains';
import { Acceptance1763800002100 } from './1763800002100-acceptance';
import { CaseListIndexes1763800002200 } from './1763800002200-caseListIndexes';
import { EvaluationMonthly1763800002300 } from './1763800002300-evaluationMonthly';
import { DuplicateCheckIndex1763800002400 } from './1763800002400-duplicateCheckIndex';
import { EvaluationCaseStore1763800002500 } from './1763800002500-evaluationCaseStore';

/** Every migration, in order. Listed explicitly so the build and the tests run the same set. */
export const MIGRATIONS = [
  EnablePostgis1763800000000,
  RegionsAndRoads1763800000100,
  DepartmentsAndUsers1763800000200,
  Classes1763800000300,
  RegionStaging1763800000400,
  Components1763800000500,
  Geocoding1763800000600,
  Imports1763800000800,
  ComponentTileIndexes1763800000900,
  TimeLimits1763800001100,
  Cases1763800001200,
  AuthSessions1763800001000,
  ReferenceGeneration1763800001300,
  Attachments1763800001400,
  AuditLog1763800001500,
  CitizenDataEncrypted1763800001600,
  IdempotencyResource1763800001700,
  Open3111763800001800,
  Evaluation1763800001900,
  AuditChains1763800002000,
  Acceptance1763800002100,
  CaseListIndexes1763800002200,
  EvaluationMonthly1763800002300,
  DuplicateCheckIndex1763800002400,
  EvaluationCaseStore1763800002500,
];
