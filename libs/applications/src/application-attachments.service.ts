import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@portal/audit';
import { Clock, DomainError, ErrorCode, NotFoundError } from '@portal/core';
import { Transactions } from '@portal/database';
import type { SessionUser } from '@portal/identity';
import { detectAttachmentKind, FileStorage, safeDisplayName } from '@portal/storage';
import {
  ApplicationAttachment,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_APPLICATION,
} from './application-attachment.entity';
import { ApplicationsService } from './applications.service';

export interface UploadedAttachment {
  /** The name the browser sent: only for display, made safe. */
  originalName: string;
  content: Buffer;
}

/**
 * Files attached to a draft: kind decided by the bytes, stored under a server-made key,
 * at most MAX_ATTACHMENTS_PER_APPLICATION in force. Same visibility as the application.
 */
@Injectable()
export class ApplicationAttachmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
    private readonly applications: ApplicationsService,
    private readonly clock: Clock,
  ) {}

  async list(viewer: SessionUser, applicationId: string): Promise<ApplicationAttachment[]> {
    const manager = this.dataSource.manager;
    const application = await this.applications.visible(manager, viewer, applicationId);
    return this.applications.liveAttachments(manager, application.id);
  }

  async add(
    actor: SessionUser,
    applicationId: string,
    file: UploadedAttachment | undefined,
  ): Promise<ApplicationAttachment> {
    // who may, before a byte is stored: another municipality's member gets 404 here
    const precheck = await this.applications.visible(this.dataSource.manager, actor, applicationId);
    this.applications.assertMember(actor, precheck);
    this.applications.assertStatus(precheck, ['draft']);
    if (!file || file.content.length === 0) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, { file: { key: 'fields.fileRequired' } });
    }
    if (file.content.length > MAX_ATTACHMENT_BYTES) throw new DomainError(ErrorCode.PAYLOAD_TOO_LARGE);
    const kind = await detectAttachmentKind(file.content.subarray(0, 4100));
    if (!kind) throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, { file: { key: 'fields.attachmentKind' } });

    const stored = await this.storage.put(file.content);
    try {
      return await this.tx.run(async ({ manager }) => {
        const application = await this.applications.writable(manager, actor, applicationId);
        this.applications.assertStatus(application, ['draft']);
        const live = await this.applications.liveAttachments(manager, application.id);
        if (live.length >= MAX_ATTACHMENTS_PER_APPLICATION) {
          throw new DomainError(ErrorCode.ATTACHMENT_LIMIT_REACHED, { max: MAX_ATTACHMENTS_PER_APPLICATION });
        }
        const attachment = manager.create(ApplicationAttachment, {
          applicationId: application.id,
          storageKey: stored.key,
          displayName: safeDisplayName(file.originalName, kind.ext),
          kind: kind.ext,
          mime: kind.mime,
          sizeBytes: stored.size,
          sha256: stored.sha256,
          uploadedBy: actor.id,
          uploadedAt: this.clock.now(),
          removedAt: null,
        });
        await manager.insert(ApplicationAttachment, attachment);
        await this.audit.record(manager, {
          actorId: actor.id,
          action: 'application.attachment_added',
          targetType: 'application',
          targetId: application.id,
          changes: {
            attachmentId: attachment.id,
            displayName: attachment.displayName,
            kind: attachment.kind,
            sizeBytes: attachment.sizeBytes,
            sha256: attachment.sha256,
          },
        });
        return attachment;
      });
    } catch (error) {
      await this.storage.remove(stored.key).catch(() => undefined);
      throw error;
    }
  }

  /** The file of an attachment (also one removed from the draft: an earlier submission may name it). */
  async download(
    viewer: SessionUser,
    applicationId: string,
    attachmentId: string,
  ): Promise<{ attachment: ApplicationAttachment; content: Readable }> {
    const manager = this.dataSource.manager;
    const application = await this.applications.visible(manager, viewer, applicationId);
    const attachment = await manager.findOneBy(ApplicationAttachment, {
      id: attachmentId,
      applicationId: application.id,
    });
    if (!attachment) throw new NotFoundError('attachment');
    return { attachment, content: await this.storage.read(attachment.storageKey) };
  }

  /** Takes an attachment off the draft; the file stays (submissions may name it). */
  async remove(actor: SessionUser, applicationId: string, attachmentId: string): Promise<void> {
    await this.tx.run(async ({ manager }) => {
      const application = await this.applications.writable(manager, actor, applicationId);
      const attachment = await manager.findOneBy(ApplicationAttachment, {
        id: attachmentId,
        applicationId: application.id,
      });
      if (!attachment || attachment.removedAt) throw new NotFoundError('attachment');
      this.applications.assertStatus(application, ['draft']);
      attachment.removedAt = this.clock.now();
      await manager.save(ApplicationAttachment, attachment);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'application.attachment_removed',
        targetType: 'application',
        targetId: application.id,
        changes: { attachmentId: attachment.id, displayName: attachment.displayName, sha256: attachment.sha256 },
      });
    });
  }
}
