import Database from 'better-sqlite3';
import type { KeyMaterial, KeyStore, KmsTag, RotationType, StoredAlias, StoredKey } from '../crypto/kms/types';

/**
 * KMS keys and aliases in their own SQLite file (<dataDir>/kms.db, or ':memory:'), apart
 * from object metadata. Key material is stored only as the wrapped bytes the core hands over.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE kms_keys (
     key_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, doc TEXT NOT NULL);
   CREATE INDEX kms_keys_account ON kms_keys(account_id, region);
   CREATE TABLE kms_key_materials (
     key_id TEXT NOT NULL REFERENCES kms_keys(key_id) ON DELETE CASCADE, version INTEGER NOT NULL,
     wrapped BLOB NOT NULL, created_at INTEGER NOT NULL, rotation_type TEXT NOT NULL,
     PRIMARY KEY (key_id, version));
   CREATE TABLE kms_aliases (
     account_id TEXT NOT NULL, region TEXT NOT NULL, alias_name TEXT NOT NULL,
     target_key_id TEXT NOT NULL REFERENCES kms_keys(key_id) ON DELETE CASCADE,
     created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, alias_name));`,
];

/** The JSON part of a key row: everything but ids and materials, dates as epoch ms. */
interface KeyDoc {
  arn: string; createdAt: number; description: string; keyManager: 'CUSTOMER' | 'AWS';
  state: 'Enabled' | 'Disabled' | 'PendingDeletion'; deletionDate?: number; pendingWindowInDays?: number;
  rotationEnabled: boolean; rotationPeriodInDays: number; nextRotationDate?: number; policy: string; tags: KmsTag[];
}

interface KeyRow { key_id: string; account_id: string; region: string; doc: string }
interface MaterialRow { version: number; wrapped: Buffer; created_at: number; rotation_type: string }
interface AliasRow { account_id: string; region: string; alias_name: string; target_key_id: string; created_at: number; updated_at: number }

export class SqliteKmsKeyStore implements KeyStore {
  private readonly db: Database.Database;

  /** `file` is a path or ':memory:'. */
  constructor(file: string) {
    this.db = new Database(file);
    if (file !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
  }

  private migrate(): void {
    const current = Number(this.db.pragma('user_version', { simple: true }));
    for (let v = current; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  getKey(keyId: string): StoredKey | undefined {
    const row = this.db.prepare('SELECT * FROM kms_keys WHERE key_id = ?').get(keyId) as KeyRow | undefined;
    return row ? this.toKey(row) : undefined;
  }

  listKeys(accountId: string, region: string): StoredKey[] {
    const rows = this.db.prepare('SELECT * FROM kms_keys WHERE account_id = ? AND region = ?').all(accountId, region) as KeyRow[];
    return rows.map((r) => this.toKey(r));
  }

  putKey(key: StoredKey): void {
    const doc: KeyDoc = {
      arn: key.arn, createdAt: key.createdAt.getTime(), description: key.description, keyManager: key.keyManager,
      state: key.state, deletionDate: key.deletionDate?.getTime(), pendingWindowInDays: key.pendingWindowInDays,
      rotationEnabled: key.rotationEnabled, rotationPeriodInDays: key.rotationPeriodInDays,
      nextRotationDate: key.nextRotationDate?.getTime(), policy: key.policy, tags: [...key.tags],
    };
    this.db.transaction(() => {
      this.db.prepare(`INSERT INTO kms_keys (key_id, account_id, region, doc) VALUES (?, ?, ?, ?)
        ON CONFLICT(key_id) DO UPDATE SET doc = excluded.doc`).run(key.keyId, key.accountId, key.region, JSON.stringify(doc));
      // Materials are append-only: a version once written never changes.
      const ins = this.db.prepare(`INSERT OR IGNORE INTO kms_key_materials (key_id, version, wrapped, created_at, rotation_type)
        VALUES (?, ?, ?, ?, ?)`);
      for (const m of key.materials) ins.run(key.keyId, m.version, m.wrapped, m.createdAt.getTime(), m.rotationType);
    })();
  }

  deleteKey(keyId: string): void {
    this.db.prepare('DELETE FROM kms_keys WHERE key_id = ?').run(keyId);
  }

  getAlias(accountId: string, region: string, aliasName: string): StoredAlias | undefined {
    const row = this.db.prepare('SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name = ?')
      .get(accountId, region, aliasName) as AliasRow | undefined;
    return row ? toAlias(row) : undefined;
  }

  listAliases(accountId: string, region: string): StoredAlias[] {
    const rows = this.db.prepare('SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? ORDER BY alias_name')
      .all(accountId, region) as AliasRow[];
    return rows.map(toAlias);
  }

  putAlias(a: StoredAlias): void {
    this.db.prepare(`INSERT INTO kms_aliases (account_id, region, alias_name, target_key_id, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(account_id, region, alias_name)
      DO UPDATE SET target_key_id = excluded.target_key_id, updated_at = excluded.updated_at`)
      .run(a.accountId, a.region, a.aliasName, a.targetKeyId, a.createdAt.getTime(), a.updatedAt.getTime());
  }

  deleteAlias(accountId: string, region: string, aliasName: string): void {
    this.db.prepare('DELETE FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name = ?').run(accountId, region, aliasName);
  }

  close(): void {
    this.db.close();
  }

  private toKey(row: KeyRow): StoredKey {
    const d = JSON.parse(row.doc) as KeyDoc;
    const materials = (this.db.prepare('SELECT * FROM kms_key_materials WHERE key_id = ? ORDER BY version').all(row.key_id) as MaterialRow[])
      .map((m): KeyMaterial => ({ version: m.version, wrapped: m.wrapped, createdAt: new Date(m.created_at), rotationType: m.rotation_type as RotationType }));
    return {
      keyId: row.key_id, accountId: row.account_id, region: row.region, arn: d.arn, createdAt: new Date(d.createdAt),
      description: d.description, keyManager: d.keyManager, state: d.state,
      deletionDate: d.deletionDate === undefined ? undefined : new Date(d.deletionDate), pendingWindowInDays: d.pendingWindowInDays,
      rotationEnabled: d.rotationEnabled, rotationPeriodInDays: d.rotationPeriodInDays,
      nextRotationDate: d.nextRotationDate === undefined ? undefined : new Date(d.nextRotationDate),
      policy: d.policy, tags: d.tags, materials,
    };
  }
}

function toAlias(r: AliasRow): StoredAlias {
  return {
    accountId: r.account_id, region: r.region, aliasName: r.alias_name, targetKeyId: r.target_key_id,
    createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at),
  };
}
