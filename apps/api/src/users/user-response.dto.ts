import { ApiProperty } from '@nestjs/swagger';
import type { Lang } from '@portal/core';
import type { Role, User } from '@portal/identity';

export class UserResponse {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['hu', 'en'] }) language: Lang;
  @ApiProperty({ enum: ['applicant', 'juror', 'coordinator', 'admin'], isArray: true }) roles: Role[];
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty() isActive: boolean;
  @ApiProperty() createdAt: string;
}

export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    language: user.language,
    roles: user.roles,
    organisationId: user.organisationId,
    isActive: user.isActive,
    createdAt: user.createdAt.toISOString(),
  };
}
