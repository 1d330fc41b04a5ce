import type { KeyStore, StoredAlias, StoredKey } from './types';

/** In-memory KeyStore for tests and ephemeral runs without a data dir. */
export class MemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, StoredKey>();
  private readonly aliases = new Map<string, StoredAlias>();

  getKey(keyId: string): StoredKey | undefined {
    return this.keys.get(keyId);
  }
  listKeys(accountId: string, region: string): StoredKey[] {
    return [...this.keys.values()].filter((k) => k.accountId === accountId && k.region === region);
  }
  putKey(key: StoredKey): void {
    this.keys.set(key.keyId, key);
  }
  deleteKey(keyId: string): void {
    this.keys.delete(keyId);
    for (const [id, a] of this.aliases) if (a.targetKeyId === keyId) this.aliases.delete(id);
  }
  getAlias(accountId: string, region: string, aliasName: string): StoredAlias | undefined {
    return this.aliases.get(`${accountId}|${region}|${aliasName}`);
  }
  listAliases(accountId: string, region: string): StoredAlias[] {
    return [...this.aliases.values()].filter((a) => a.accountId === accountId && a.region === region);
  }
  putAlias(alias: StoredAlias): void {
    this.aliases.set(`${alias.accountId}|${alias.region}|${alias.aliasName}`, alias);
  }
  deleteAlias(accountId: string, region: string, aliasName: string): void {
    this.aliases.delete(`${accountId}|${region}|${aliasName}`);
  }
}
