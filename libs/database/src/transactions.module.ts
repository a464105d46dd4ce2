import { Global, Module } from '@nestjs/common';
import { Transactions } from './transactions';

/** Makes the transaction boundary available to every lib (the DataSource comes from DatabaseModule). */
@Global()
@Module({ providers: [Transactions], exports: [Transactions] })
export class TransactionsModule {}
