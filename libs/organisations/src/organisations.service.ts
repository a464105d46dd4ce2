import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '@portal/core';
import { Organisation } from './organisation.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HUNGARIAN = new Intl.Collator('hu');

/** The steering-committee organisations that jurors represent. */
@Injectable()
export class OrganisationsService {
  constructor(@InjectRepository(Organisation) private readonly organisations: Repository<Organisation>) {}

  /** Every organisation, by Hungarian name in Hungarian order (a dozen rows: sorted here, not by the database's collation). */
  async list(): Promise<Organisation[]> {
    const all = await this.organisations.find();
    return all.sort((a, b) => HUNGARIAN.compare(a.nameHu, b.nameHu));
  }

  async findById(id: string): Promise<Organisation> {
    const organisation = UUID.test(id) ? await this.organisations.findOneBy({ id }) : null;
    if (!organisation) throw new NotFoundError('organisation');
    return organisation;
  }

  async exists(id: string): Promise<boolean> {
    return UUID.test(id) && this.organisations.existsBy({ id });
  }
}
