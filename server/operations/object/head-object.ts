import { readObject } from '../shared/read-object';
import type { OperationSpec } from '../types';

/** HeadObject — https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html */
export const headObject: OperationSpec = {
  name: 'HeadObject',
  method: 'HEAD',
  target: 'object',
  body: 'none',
  actions: (i) => (i.query.has('versionId') ? ['s3:GetObjectVersion'] : ['s3:GetObject']),
  handler: (input, deps) => readObject(input, deps, false),
};
