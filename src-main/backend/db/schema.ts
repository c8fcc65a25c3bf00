import type { Generated } from 'kysely';

/** Kysely table types. One interface per table; names match the migrations. */
export interface MigrationTable {
  id: number;
  name: string;
  applied_at: string;
}

export interface SettingTable {
  key: string;
  value: string; // JSON
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: 'clerk' | 'supervisor' | 'administrator';
  password_hash: string;
  active: number;
  failed_attempts: number;
  locked_until: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditTable {
  seq: Generated<number>;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface Database {
  migration: MigrationTable;
  setting: SettingTable;
  app_user: UserTable;
  audit: AuditTable;
}
