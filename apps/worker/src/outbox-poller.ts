import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { OutboxRelay } from '@portal/queue';

export const OUTBOX_POLL_INTERVAL_MS = 1_000;

/**
 * Relays the outbox every second, so rows written while Redis was away (or by a process
 * that stopped before its nudge) reach BullMQ once Redis is back. Rounds never overlap.
 */
@Injectable()
export class OutboxPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.relay.nudge();
    this.timer = setInterval(() => this.relay.nudge(), OUTBOX_POLL_INTERVAL_MS);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
