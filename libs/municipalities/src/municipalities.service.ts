import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError, offsetOf, Page, pageOf } from '@portal/core';
import { isKshCode, namePatterns } from './municipality-search';
import { County, LegalStatus, Municipality } from './municipality.entity';

export interface MunicipalitySearch {
  /** Part of the name; accents, case and repeated spaces are ignored. */
  q?: string;
  county?: County;
  legalStatus?: LegalStatus;
  page: number;
  pageSize: number;
}

/** PostgreSQL's ICU collation for Hungarian order (cs after c, ö after o, ...). */
const HUNGARIAN = 'hu-HU-x-icu';

/** The municipality register (KSH Helységnévtár 2018): read-only reference data. */
@Injectable()
export class MunicipalitiesService {
  private readonly logger = new Logger(MunicipalitiesService.name);
  private nameOrder?: Promise<string>;

  constructor(@InjectRepository(Municipality) private readonly municipalities: Repository<Municipality>) {}

  /**
   * Finds municipalities by name (substring of the folded name, served by the trigram index),
   * county and legal status. With a name: exact match first, then names starting with it,
   * then the rest, each by population (largest first). Without: alphabetical, in Hungarian.
   */
  async search(query: MunicipalitySearch): Promise<Page<Municipality>> {
    const qb = this.municipalities.createQueryBuilder('m');
    if (query.county) qb.andWhere('m.county = :county', { county: query.county });
    if (query.legalStatus) qb.andWhere('m.legal_status = :legalStatus', { legalStatus: query.legalStatus });
    const name = namePatterns(query.q);
    if (name) {
      qb.andWhere('m.name_folded LIKE :contains', { contains: name.contains })
        .addOrderBy('CASE WHEN m.name_folded = :exact THEN 0 WHEN m.name_folded LIKE :prefix THEN 1 ELSE 2 END')
        .addOrderBy('m.population', 'DESC')
        .setParameters({ exact: name.exact, prefix: name.prefix });
    }
    qb.addOrderBy(`m.name COLLATE ${await this.nameCollation()}`).addOrderBy('m.kshCode');
    const [items, total] = await qb.offset(offsetOf(query)).limit(query.pageSize).getManyAndCount();
    return pageOf(items, total, query);
  }

  async findByKsh(kshCode: string): Promise<Municipality> {
    const municipality = isKshCode(kshCode) ? await this.municipalities.findOneBy({ kshCode }) : null;
    if (!municipality) throw new NotFoundError('municipality');
    return municipality;
  }

  async exists(kshCode: string): Promise<boolean> {
    return isKshCode(kshCode) && this.municipalities.existsBy({ kshCode });
  }

  /** The Hungarian ICU collation when this PostgreSQL has it (built with ICU), else the database's own. */
  private nameCollation(): Promise<string> {
    this.nameOrder ??= this.municipalities
      .query(`SELECT 1 FROM pg_collation WHERE collname = $1`, [HUNGARIAN])
      .then((rows: unknown[]) => {
        if (rows.length > 0) return `"${HUNGARIAN}"`;
        this.logger.warn(
          `PostgreSQL has no collation "${HUNGARIAN}" (built without ICU?): names sort in its default order`,
        );
        return '"default"';
      })
      .catch((error: unknown) => {
        this.nameOrder = undefined;
        throw error;
      });
    return this.nameOrder;
  }
}
