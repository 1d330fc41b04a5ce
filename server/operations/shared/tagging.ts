import { S3Error } from '../../errors/s3-error';
import type { Tag } from '../../../storage/types';
import { parseXml } from '../../xml/xml-reader';
import type { XmlObject } from '../../xml/xml-writer';

/** Object tags: at most 10; bucket tags: at most 50 (S3 tagging limits). */
export const OBJECT_TAG_LIMIT = 10;
export const BUCKET_TAG_LIMIT = 50;

export function validateTags(tags: readonly Tag[], limit: number): readonly Tag[] {
  if (tags.length > limit) {
    // AWS answers an eleventh object tag with BadRequest, not InvalidTag.
    if (limit === OBJECT_TAG_LIMIT) throw new S3Error('BadRequest', 'Object tags cannot be greater than 10');
    throw new S3Error('InvalidTag', 'Bucket tag count cannot be greater than 50');
  }
  const seen = new Set<string>();
  for (const t of tags) {
    if (t.key.length === 0 || [...t.key].length > 128) throw new S3Error('InvalidTag', 'The TagKey you have provided is invalid');
    if ([...t.value].length > 256) throw new S3Error('InvalidTag', 'The TagValue you have provided is invalid');
    if (t.key.startsWith('aws:')) throw new S3Error('InvalidTag', 'Your TagKey cannot be prefixed with aws:');
    if (seen.has(t.key)) throw new S3Error('InvalidTag', 'Cannot provide multiple Tags with the same key');
    seen.add(t.key);
  }
  return tags;
}

/** The x-amz-tagging header: URL query form, `k1=v1&k2=v2`. */
export function tagsFromHeader(value: string | undefined): readonly Tag[] {
  if (value === undefined || value === '') return [];
  const tags: Tag[] = [];
  for (const part of value.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    try {
      tags.push({ key: decodeURIComponent(rawKey.replace(/\+/g, ' ')), value: decodeURIComponent(rawValue.replace(/\+/g, ' ')) });
    } catch {
      throw new S3Error('InvalidArgument', 'The header \'x-amz-tagging\' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.');
    }
  }
  return validateTags(tags, OBJECT_TAG_LIMIT);
}

export async function tagsFromXml(body: Buffer | undefined, limit: number): Promise<readonly Tag[]> {
  if (!body || body.length === 0) throw new S3Error('MalformedXML');
  const { root, node } = await parseXml(body);
  if (root !== 'Tagging') throw new S3Error('MalformedXML');
  const tagSet = node.child('TagSet');
  if (!tagSet) throw new S3Error('MalformedXML');
  const tags = tagSet.children('Tag').map((t) => {
    const key = t.childText('Key');
    const value = t.childText('Value');
    if (key === undefined || value === undefined) throw new S3Error('MalformedXML');
    return { key, value };
  });
  return validateTags(tags, limit);
}

export function tagsToXml(tags: readonly Tag[]): XmlObject {
  return { TagSet: { Tag: tags.map((t) => ({ Key: t.key, Value: t.value })) } };
}
