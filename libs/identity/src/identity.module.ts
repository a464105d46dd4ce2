import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { MunicipalitiesModule } from '@portal/municipalities';
import { OrganisationsModule } from '@portal/organisations';
import { AuthService } from './auth.service';
import { InvitationsService } from './invitations.service';
import { LoginThrottle } from './login-throttle';
import { MembershipsService } from './memberships.service';
import { PasswordHasher } from './passwords';
import { SessionSerializer } from './session.serializer';
import { SessionsService } from './sessions.service';
import { UsersService } from './users.service';

const services = [
  AuthService,
  InvitationsService,
  LoginThrottle,
  MembershipsService,
  PasswordHasher,
  SessionsService,
  UsersService,
];

@Module({
  imports: [PassportModule.register({ session: true }), MunicipalitiesModule, OrganisationsModule],
  providers: [...services, SessionSerializer],
  exports: services,
})
export class IdentityModule {}
