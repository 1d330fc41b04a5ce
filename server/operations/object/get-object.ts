import { readObject } from '../shared/read-object';
import type { OperationSpec } from '../types';

/** GetObject — https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html */
export const getObject: OperationSpec = {
  name: 'GetObject',
  method: 'GET',
  target: 'object',
  body: 'none',
  actions: (i) => (i.query.has('versionId') ? ['s3:GetObjectVersion'] : ['s3:GetObject']),
  handler: (input, deps) => readObject(input, deps, true),
};
