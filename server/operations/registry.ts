import { getBucketAcl, getObjectAcl } from './bucket/acl-reads';
import { getBucketCors, getBucketLifecycle, getBucketPolicy, getBucketWebsite } from './bucket/absent-configs';
import { deleteBucket, getBucketLocation, headBucket, listBuckets } from './bucket/basic-bucket-ops';
import { getBucketOwnershipControls, getPublicAccessBlock } from './bucket/bucket-controls';
import { deleteBucketTagging, getBucketTagging, putBucketTagging } from './bucket/bucket-tagging';
import { getBucketVersioning, putBucketVersioning } from './bucket/bucket-versioning';
import { createBucket } from './bucket/create-bucket';
import { deleteBucketEncryption, getBucketEncryption, putBucketEncryption } from './bucket/bucket-encryption';
import { deleteObjects } from './bucket/delete-objects';
import { listObjectVersions } from './bucket/list-object-versions';
import { listObjectsV1, listObjectsV2 } from './bucket/list-objects';
import { completeMultipartUpload } from './multipart/complete-multipart-upload';
import { createMultipartUpload } from './multipart/create-multipart-upload';
import { abortMultipartUpload, listMultipartUploads, listParts } from './multipart/multipart-misc';
import { uploadPart } from './multipart/upload-part';
import { uploadPartCopy } from './multipart/upload-part-copy';
import { copyObject } from './object/copy-object';
import { deleteObject } from './object/delete-object';
import { getObject } from './object/get-object';
import { headObject } from './object/head-object';
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from './object/object-tagging';
import { putObject } from './object/put-object';
import type { OperationSpec } from './types';

/** Every S3 operation the emulator serves. The route table is built from this list. */
export const S3_OPERATIONS: readonly OperationSpec[] = [
  listBuckets,
  createBucket, headBucket, deleteBucket, getBucketLocation,
  getBucketVersioning, putBucketVersioning,
  getBucketTagging, putBucketTagging, deleteBucketTagging,
  getBucketAcl, getBucketCors, getBucketLifecycle, getBucketPolicy, getBucketWebsite,
  getBucketOwnershipControls, getPublicAccessBlock,
  getBucketEncryption, putBucketEncryption, deleteBucketEncryption,
  listObjectsV1, listObjectsV2, listObjectVersions, deleteObjects,
  putObject, getObject, headObject, deleteObject, copyObject,
  getObjectTagging, putObjectTagging, deleteObjectTagging, getObjectAcl,
  createMultipartUpload, uploadPart, uploadPartCopy, completeMultipartUpload, abortMultipartUpload,
  listParts, listMultipartUploads,
];
