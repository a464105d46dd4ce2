export { SnakeNamingStrategy, snakeCase } from './snake-naming.strategy';
export { Transactions, AfterCommit, pgErrorCode, pgConstraint, isUniqueViolation } from './transactions';
export type { Tx } from './transactions';
export { TransactionsModule } from './transactions.module';
export { PreparingClient } from './preparing-client';
