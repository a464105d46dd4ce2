import { ApiProperty } from '@nestjs/swagger';
import type { Membership, User } from '@portal/identity';
import { toUserResponse, UserResponse } from '../users/user-response.dto';

export class RegistrationMembership {
  @ApiProperty() id: string;
  @ApiProperty() municipalityKsh: string;
  @ApiProperty({ enum: ['pending'] }) status: string;
}

export class RegistrationResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiProperty({ type: RegistrationMembership }) membership: RegistrationMembership;
}

export function toRegistrationResponse(result: { user: User; membership: Membership }): RegistrationResponse {
  return {
    user: toUserResponse(result.user),
    membership: {
      id: result.membership.id,
      municipalityKsh: result.membership.municipalityKsh,
      status: result.membership.status,
    },
  };
}
