export { OrganisationsModule } from './organisations.module';
export { OrganisationsService } from './organisations.service';
export { Organisation, ORGANISATION_KINDS } from './organisation.entity';
export type { OrganisationKind } from './organisation.entity';
export { STEERING_COMMITTEE } from './migrations/1763800000500-organisation';
