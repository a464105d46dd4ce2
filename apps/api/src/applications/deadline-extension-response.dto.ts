import { ApiProperty } from '@nestjs/swagger';
import type { DeadlineExtensionRow } from '@portal/applications';
import { toBudapestIso } from '@portal/core';

class ExtensionMunicipalityRef {
  @ApiProperty() kshCode: string;
  @ApiProperty() name: string;
}

class ExtensionUserRef {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class DeadlineExtensionResponse {
  @ApiProperty() id: string;
  @ApiProperty() callId: string;
  @ApiProperty({ type: ExtensionMunicipalityRef }) municipality: ExtensionMunicipalityRef;
  @ApiProperty({ description: 'The municipality’s deadline (exclusive), Budapest time with offset.' })
  closesAt: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: ExtensionUserRef }) grantedBy: ExtensionUserRef;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ description: 'Not revoked, not expired, and scoring has not started.' }) inForce: boolean;
}

export function toDeadlineExtensionResponse(r: DeadlineExtensionRow): DeadlineExtensionResponse {
  const e = r.extension;
  return {
    id: e.id,
    callId: e.callId,
    municipality: { kshCode: e.municipalityKsh, name: r.municipalityName },
    closesAt: toBudapestIso(e.closesAt),
    reason: e.reason,
    grantedBy: { id: e.grantedBy, name: r.grantedByName },
    createdAt: e.createdAt.toISOString(),
    revokedAt: e.revokedAt ? e.revokedAt.toISOString() : null,
    inForce: r.inForce,
  };
}
