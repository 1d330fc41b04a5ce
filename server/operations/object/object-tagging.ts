import { requireBucket } from '../shared/bucket-guard';
import { findReadableVersion, versionIdParam } from '../shared/find-version';
import { OBJECT_TAG_LIMIT, tagsFromXml, tagsToXml } from '../shared/tagging';
import { toXml } from '../../xml/xml-writer';
import type { OperationInput, OperationSpec } from '../types';
import type { Deps } from '../../deps';
import { versionIdHeader } from '../shared/object-headers';

function target(input: OperationInput, deps: Deps) {
  const bucket = requireBucket(deps, input.bucket);
  const version = findReadableVersion(deps, bucket, input.key, versionIdParam(input.query));
  const versionHeader = versionIdHeader(bucket, version.versionId);
  return { bucket, version, versionHeader };
}

const versioned = (base: string) => (i: Pick<OperationInput, 'query'>) => [i.query.has('versionId') ? `${base}Version` : base];

/** GetObjectTagging — https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectTagging.html */
export const getObjectTagging: OperationSpec = {
  name: 'GetObjectTagging',
  method: 'GET',
  target: 'object',
  subresource: 'tagging',
  body: 'none',
  actions: versioned('s3:GetObjectTagging'),
  async handler(input, deps) {
    const { version, versionHeader } = target(input, deps);
    return { status: 200, headers: { 'x-amz-version-id': versionHeader }, body: toXml('Tagging', tagsToXml(version.tags)) };
  },
};

/** PutObjectTagging — https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html */
export const putObjectTagging: OperationSpec = {
  name: 'PutObjectTagging',
  method: 'PUT',
  target: 'object',
  subresource: 'tagging',
  body: 'xml',
  actions: versioned('s3:PutObjectTagging'),
  async handler(input, deps) {
    const tags = await tagsFromXml(input.xml, OBJECT_TAG_LIMIT);
    const { bucket, version, versionHeader } = target(input, deps);
    deps.store.setObjectTags(bucket.name, input.key, version.versionId, tags);
    return { status: 200, headers: { 'x-amz-version-id': versionHeader } };
  },
};

/** DeleteObjectTagging — https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjectTagging.html */
export const deleteObjectTagging: OperationSpec = {
  name: 'DeleteObjectTagging',
  method: 'DELETE',
  target: 'object',
  subresource: 'tagging',
  body: 'none',
  actions: versioned('s3:DeleteObjectTagging'),
  async handler(input, deps) {
    const { bucket, version, versionHeader } = target(input, deps);
    deps.store.setObjectTags(bucket.name, input.key, version.versionId, []);
    return { status: 204, headers: { 'x-amz-version-id': versionHeader } };
  },
};
