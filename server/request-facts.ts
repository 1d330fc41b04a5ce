/**
 * The facts about a request that later steps (and, later, policy conditions) read:
 * where it came from, over what transport, and when. Built once, then frozen.
 */
export interface ListenerInfo {
  readonly kind: 'http' | 'https' | 'vpce';
  readonly port: number;
  /** Set on VPC endpoint listeners. */
  readonly vpceId?: string;
}

export interface TlsInfo {
  readonly secure: boolean;
  /** e.g. 'TLSv1.3'; undefined over plain HTTP. */
  readonly version?: string;
  readonly cipher?: string;
}

export interface RequestFacts {
  readonly requestId: string;
  readonly hostId: string;
  readonly method: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  readonly host: string;
  readonly sourceIp: string;
  readonly userAgent?: string;
  readonly listener: ListenerInfo;
  readonly tls: TlsInfo;
  /** Real time at arrival (skew checks). */
  readonly receivedAt: Date;
  /** Emulated time at arrival (every other time rule). */
  readonly now: Date;
}

/** Who made the request, once authentication succeeded. */
export interface Principal {
  readonly type: 'Root' | 'IAMUser' | 'AssumedRole' | 'Anonymous';
  readonly accountId: string;
  /** arn:aws:iam::123456789012:root, ...; '*' for anonymous. */
  readonly arn: string;
  readonly accessKeyId?: string;
  /** Canonical user id (64 hex), used for S3 Owner elements. */
  readonly canonicalId?: string;
  readonly displayName?: string;
}

export interface AuthFacts {
  readonly principal: Principal;
  readonly signatureVersion?: 'AWS4-HMAC-SHA256' | 'AWS';
  readonly authType?: 'REST-HEADER' | 'REST-QUERY-STRING' | 'POST';
  readonly signatureAgeMs?: number;
  readonly service: string;
}
