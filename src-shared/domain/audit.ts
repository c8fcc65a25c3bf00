export interface AuditRecord {
  seq: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditVerifyReport {
  ok: boolean;
  records: number;
  problems: { seq: number; problem: string }[];
}
