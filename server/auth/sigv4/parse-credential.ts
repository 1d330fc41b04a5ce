import { S3Error } from '../../errors/s3-error';

export interface CredentialScope {
  readonly accessKeyId: string;
  readonly date: string; // YYYYMMDD
  readonly region: string;
  readonly service: string;
  /** "date/region/service/aws4_request" */
  readonly scope: string;
}

/** Where the credential came from: the messages differ, the codes too. */
export interface CredentialErrorStyle {
  readonly code: 'AuthorizationHeaderMalformed' | 'AuthorizationQueryParametersError';
  /** "The authorization header is malformed; " or "Error parsing the X-Amz-Credential parameter; " */
  readonly prefix: string;
}

export const HEADER_STYLE: CredentialErrorStyle = {
  code: 'AuthorizationHeaderMalformed',
  prefix: 'The authorization header is malformed; ',
};
export const QUERY_STYLE: CredentialErrorStyle = {
  code: 'AuthorizationQueryParametersError',
  prefix: 'Error parsing the X-Amz-Credential parameter; ',
};

/** "AKID/YYYYMMDD/region/service/aws4_request", with AWS's messages for each way it breaks. */
export function parseCredential(value: string, style: CredentialErrorStyle): CredentialScope {
  const parts = value.split('/');
  if (parts.length !== 5 || parts[0] === '' || !/^\d{8}$/.test(parts[1]) || parts[2] === '' || parts[3] === '') {
    throw new S3Error(
      style.code,
      style.prefix + 'the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    );
  }
  if (parts[4] !== 'aws4_request') {
    throw new S3Error(style.code, style.prefix + `incorrect terminal "${parts[4]}". This endpoint uses "aws4_request".`);
  }
  const [accessKeyId, date, region, service] = parts;
  return { accessKeyId, date, region, service, scope: `${date}/${region}/${service}/aws4_request` };
}
