export { AuditModule } from './audit.module';
export { AuditService } from './audit.service';
export type { AuditEntry, AuditFilter, AuditListEntry } from './audit.service';
export { AuditLog } from './audit-log.entity';
