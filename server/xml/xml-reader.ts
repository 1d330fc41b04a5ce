import { Parser } from 'xml2js';
import { S3Error } from '../errors/s3-error';

/**
 * Typed access over xml2js output. Every request body is parsed once here; a body that
 * is not well-formed XML is MalformedXML, never a 500.
 */
export type XmlNode = { readonly [name: string]: XmlNode[] | string[] | string | undefined } | string;

const parser = new Parser({ explicitArray: true, explicitRoot: true, trim: false, normalize: false, strict: true });

export async function parseXml(body: Buffer): Promise<{ root: string; node: XmlElement }> {
  if (body.length === 0) throw new S3Error('MalformedXML');
  let parsed: unknown;
  try {
    parsed = await parser.parseStringPromise(body.toString('utf8'));
  } catch {
    throw new S3Error('MalformedXML');
  }
  if (!parsed || typeof parsed !== 'object') throw new S3Error('MalformedXML');
  const [root] = Object.keys(parsed);
  if (!root) throw new S3Error('MalformedXML');
  return { root, node: new XmlElement((parsed as Record<string, unknown>)[root]) };
}

/** One element; children are looked up by local name (namespaces are ignored, as S3 does). */
export class XmlElement {
  constructor(private readonly raw: unknown) {}

  /** The element's text content ('' when it has only children or is empty). */
  text(): string {
    if (typeof this.raw === 'string') return this.raw;
    if (this.raw && typeof this.raw === 'object') {
      const t = (this.raw as Record<string, unknown>)['_'];
      if (typeof t === 'string') return t;
    }
    return '';
  }

  children(name: string): XmlElement[] {
    if (!this.raw || typeof this.raw !== 'object') return [];
    const value = (this.raw as Record<string, unknown>)[name];
    if (!Array.isArray(value)) return [];
    return value.map((v) => new XmlElement(v));
  }

  child(name: string): XmlElement | undefined {
    return this.children(name)[0];
  }

  childText(name: string): string | undefined {
    const c = this.child(name);
    return c === undefined ? undefined : c.text();
  }
}
