import { DefaultNamingStrategy, NamingStrategyInterface } from 'typeorm';

export function snakeCase(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * snake_case tables and columns, and readable constraint names (pk_<table>,
 * fk_<table>_<columns>, ix_<table>_<columns>, uq_<table>_<columns>). Migrations are
 * written by hand with the same names, so a generated diff stays empty.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(className: string, customName?: string): string {
    return customName ?? snakeCase(className);
  }

  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return snakeCase(prefixes.concat(customName ?? propertyName).join('_'));
  }

  override relationName(propertyName: string): string {
    return snakeCase(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  override joinTableName(firstTableName: string, secondTableName: string, firstPropertyName: string): string {
    return snakeCase(`${firstTableName}_${firstPropertyName.replace(/\./g, '_')}_${secondTableName}`);
  }

  override joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snakeCase(`${tableName}_${columnName ?? propertyName}`);
  }

  override primaryKeyName(tableOrName: string | { name: string }): string {
    return `pk_${this.plain(tableOrName)}`;
  }

  override foreignKeyName(tableOrName: string | { name: string }, columnNames: string[]): string {
    return `fk_${this.plain(tableOrName)}_${columnNames.join('_')}`;
  }

  override indexName(tableOrName: string | { name: string }, columnNames: string[]): string {
    return `ix_${this.plain(tableOrName)}_${columnNames.join('_')}`;
  }

  override uniqueConstraintName(tableOrName: string | { name: string }, columnNames: string[]): string {
    return `uq_${this.plain(tableOrName)}_${columnNames.join('_')}`;
  }

  private plain(tableOrName: string | { name: string }): string {
    const name = typeof tableOrName === 'string' ? tableOrName : tableOrName.name;
    return name.split('.').pop() as string;
  }
}
