import { createHash } from 'node:crypto';
import type { CredentialLookup, KnownCredential } from './auth/types';
import type { EmulatorConfig } from './config';
import type { Principal } from './request-facts';

/**
 * Who may sign requests: the accounts and their credentials from the config.
 * The access control issue adds IAM users, roles and STS sessions here.
 */
export interface Account {
  readonly id: string;
  readonly canonicalId: string;
  readonly displayName: string;
}

/** S3's canonical user id is 64 hex chars; derive a stable one per account. */
export function canonicalIdOf(accountId: string): string {
  return createHash('sha256').update(`s3emu-canonical:${accountId}`).digest('hex');
}

export class AccountRegistry {
  private readonly accounts = new Map<string, Account>();
  private readonly credentials = new Map<string, KnownCredential>();

  constructor(config: EmulatorConfig) {
    for (const a of config.accounts) {
      const account: Account = { id: a.id, canonicalId: canonicalIdOf(a.id), displayName: `account-${a.id}` };
      this.accounts.set(a.id, account);
      if (a.root.status === 'Inactive') continue;
      const principal: Principal = {
        type: 'Root',
        accountId: a.id,
        arn: `arn:aws:iam::${a.id}:root`,
        accessKeyId: a.root.accessKeyId,
        canonicalId: account.canonicalId,
        displayName: account.displayName,
      };
      this.credentials.set(a.root.accessKeyId, { accessKeyId: a.root.accessKeyId, secretAccessKey: a.root.secretAccessKey, owner: principal });
    }
  }

  readonly lookup: CredentialLookup = (accessKeyId) => this.credentials.get(accessKeyId);

  account(id: string): Account | undefined {
    return this.accounts.get(id);
  }

  all(): Account[] {
    return [...this.accounts.values()];
  }

  firstRootCredentials(): { accessKeyId: string; secretAccessKey: string } {
    const first = this.credentials.values().next().value;
    if (!first) throw new Error('no active root credentials configured');
    return { accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey };
  }
}

export function principalOf(cred: KnownCredential): Principal {
  return cred.owner as Principal;
}

export const ANONYMOUS: Principal = { type: 'Anonymous', accountId: '', arn: '*' };
