import { ApiProperty } from '@nestjs/swagger';
import {
  APPLICATION_STATUSES,
  FORMAL_CHECK_RESULTS,
  type FormalCheckResult,
  type ApplicationDetail,
  type AttachmentFacts,
  type ApplicationRow,
  type ApplicationStatus,
  type SubmissionFacts,
} from '@portal/applications';
import { toBudapestIso } from '@portal/core';
import { PageResponse } from '../http/page-response';
import { ApplicationContentDto } from './application.dto';

class ThemeRef {
  @ApiProperty() id: string;
  @ApiProperty() titleHu: string;
  @ApiProperty() titleEn: string;
}

class MunicipalityRef {
  @ApiProperty() kshCode: string;
  @ApiProperty() name: string;
}

class ListMunicipalityRef extends MunicipalityRef {
  @ApiProperty() county: string;
  @ApiProperty({ type: 'integer' }) population: number;
  @ApiProperty() legalStatus: string;
}

export class FormalCheckResponse {
  @ApiProperty({ enum: FORMAL_CHECK_RESULTS }) result: FormalCheckResult;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Absent in lists.' }) checkedAt?: string | null;
}

class UserRef {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class AttachmentResponse {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Safe display name; the extension follows the detected kind.' }) displayName: string;
  @ApiProperty({ enum: ['pdf', 'docx', 'odt', 'xlsx', 'jpg', 'png'] }) kind: string;
  @ApiProperty() mime: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() uploadedAt: string;
  @ApiProperty() downloadUrl: string;
}

export class SubmissionResponse {
  @ApiProperty({ type: 'integer' }) number: number;
  @ApiProperty({ description: 'When the server received the submit request (Budapest time, with offset).' })
  receivedAt: string;
  @ApiProperty({ description: 'Hex SHA-256 of the canonical JSON of the content and the attachments’ digests.' })
  sha256: string;
  @ApiProperty() submittedBy: string;
  @ApiProperty() receiptUrl: string;
}

export class ApplicationResponse {
  @ApiProperty() id: string;
  @ApiProperty() callId: string;
  @ApiProperty({ type: ThemeRef }) theme: ThemeRef;
  @ApiProperty({ type: MunicipalityRef }) municipality: MunicipalityRef;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty({ type: 'integer', description: 'Send it back with the next save.' }) version: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: ApplicationContentDto }) content: object;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: UserRef }) updatedBy: UserRef;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawnAt: string | null;
  @ApiProperty({ description: 'The call’s submission deadline (exclusive), Budapest time with offset.' })
  submissionClosesAt: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'After a reopening for correction: this application’s own deadline (exclusive), if one was set.',
  })
  correctionClosesAt: string | null;
  @ApiProperty({ type: FormalCheckResponse, nullable: true, description: 'Null until the formal check is done.' })
  formalCheck: FormalCheckResponse | null;
  @ApiProperty({ type: [String], description: 'Fields a submission would still miss, e.g. content.summary.' })
  missing: string[];
  @ApiProperty({ type: [AttachmentResponse] }) attachments: AttachmentResponse[];
  @ApiProperty({ type: [SubmissionResponse] }) submissions: SubmissionResponse[];
}

export class ApplicationListItemResponse {
  @ApiProperty() id: string;
  @ApiProperty() callId: string;
  @ApiProperty({ type: ThemeRef }) theme: ThemeRef;
  @ApiProperty({ type: ListMunicipalityRef }) municipality: ListMunicipalityRef;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() title: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ type: FormalCheckResponse, nullable: true }) formalCheck: FormalCheckResponse | null;
}

export class ApplicationPageResponse extends PageResponse(ApplicationListItemResponse) {}

export class MissingFieldsResponse {
  @ApiProperty({ type: [String], example: ['content.summary', 'content.contact.email'] }) missing: string[];
}

export class SubmitResponse {
  @ApiProperty({ type: ApplicationResponse }) application: ApplicationResponse;
  @ApiProperty({ type: SubmissionResponse }) submission: SubmissionResponse;
}

export function toAttachmentResponse(a: AttachmentFacts): AttachmentResponse {
  return {
    id: a.id,
    displayName: a.displayName,
    kind: a.kind,
    mime: a.mime,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    uploadedAt: a.uploadedAt.toISOString(),
    downloadUrl: `/api/applications/${a.applicationId}/attachments/${a.id}`,
  };
}

export function toSubmissionResponse(s: SubmissionFacts): SubmissionResponse {
  return {
    number: s.number,
    receivedAt: toBudapestIso(s.receivedAt),
    sha256: s.sha256,
    submittedBy: s.submittedBy,
    receiptUrl: `/api/applications/${s.applicationId}/submissions/${s.number}/receipt`,
  };
}

export function toApplicationResponse(d: ApplicationDetail): ApplicationResponse {
  const a = d.application;
  return {
    id: a.id,
    callId: a.callId,
    theme: { id: d.theme.id, titleHu: d.theme.titleHu, titleEn: d.theme.titleEn },
    municipality: { kshCode: d.municipality.kshCode, name: d.municipality.name },
    status: a.status,
    version: a.version,
    title: a.title,
    content: a.content,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    updatedBy: { id: a.updatedBy, name: d.updatedByName },
    submittedAt: a.submittedAt ? a.submittedAt.toISOString() : null,
    withdrawnAt: a.withdrawnAt ? a.withdrawnAt.toISOString() : null,
    submissionClosesAt: toBudapestIso(d.submissionClosesAt),
    correctionClosesAt: toBudapestIso(a.correctionClosesAt),
    formalCheck: a.formalCheck
      ? {
          result: a.formalCheck,
          reason: a.formalCheckReason,
          checkedAt: a.formalCheckedAt ? a.formalCheckedAt.toISOString() : null,
        }
      : null,
    missing: d.missing,
    attachments: d.attachments.map(toAttachmentResponse),
    submissions: d.submissions.map(toSubmissionResponse),
  };
}

export function toApplicationListItem(r: ApplicationRow): ApplicationListItemResponse {
  return {
    id: r.id,
    callId: r.callId,
    theme: { id: r.themeId, titleHu: r.themeTitleHu, titleEn: r.themeTitleEn },
    municipality: {
      kshCode: r.municipalityKsh,
      name: r.municipalityName,
      county: r.county,
      population: r.population,
      legalStatus: r.legalStatus,
    },
    status: r.status,
    version: r.version,
    title: r.title,
    updatedAt: r.updatedAt.toISOString(),
    submittedAt: r.submittedAt ? r.submittedAt.toISOString() : null,
    formalCheck: r.formalCheck ? { result: r.formalCheck, reason: r.formalCheckReason } : null,
  };
}
