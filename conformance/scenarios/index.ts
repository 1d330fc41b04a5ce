// Registry of every scenario, in run order (bucket basics first so that a
// broken endpoint fails fast and legibly).
import type { Scenario } from '../types';
import { createBucketScenarios } from './create-bucket';
import { deleteBucketScenarios } from './delete-bucket';
import { bucketVersioningScenarios } from './bucket-versioning';
import { putGetObjectScenarios } from './put-get-object';
import { rangeConditionalScenarios } from './range-conditional';
import { deleteObjectScenarios } from './delete-object';
import { copyObjectScenarios } from './copy-object';
import { listObjectsScenarios } from './list-objects';
import { versionScenarios } from './versions';
import { taggingScenarios } from './tagging';
import { multipartScenarios } from './multipart';
import { integrityScenarios } from './integrity';
import { keyScenarios } from './keys';
import { authScenarios } from './auth';
import { presignedScenarios } from './presigned';
import { encryptionScenarios } from './encryption';

export const allScenarios: readonly Scenario[] = [
  ...createBucketScenarios,
  ...deleteBucketScenarios,
  ...bucketVersioningScenarios,
  ...putGetObjectScenarios,
  ...rangeConditionalScenarios,
  ...deleteObjectScenarios,
  ...copyObjectScenarios,
  ...listObjectsScenarios,
  ...versionScenarios,
  ...taggingScenarios,
  ...multipartScenarios,
  ...integrityScenarios,
  ...keyScenarios,
  ...authScenarios,
  ...presignedScenarios,
  ...encryptionScenarios,
];

// Duplicate names would make --only and reports ambiguous.
const seen = new Set<string>();
for (const s of allScenarios) {
  if (seen.has(s.name)) throw new Error(`duplicate conformance scenario name ${s.name}`);
  seen.add(s.name);
}
