import { Injectable, Logger } from '@nestjs/common';

/** A session that ended by signing out. */
export interface SessionEnded {
  readonly sessionId: string;
  readonly userId: string;
  /** Whether the session held the user's live SIP credential (its softphone was the registered one). */
  readonly releasedPhone: boolean;
}

type SessionEndedListener = (event: SessionEnded) => Promise<void> | void;

/**
 * Tells other features that a session ended, without auth knowing them: the agent desk logs the agent out of
 * mod_callcenter when the session that held the phone signs out.
 */
@Injectable()
export class SessionEvents {
  private readonly logger = new Logger(SessionEvents.name);
  private readonly listeners = new Set<SessionEndedListener>();

  /** Listens to ended sessions; returns a function that stops listening. */
  onEnded(listener: SessionEndedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs every listener; one that fails is logged and does not stop the others or the sign-out. */
  async ended(event: SessionEnded): Promise<void> {
    const results = await Promise.allSettled([...this.listeners].map(async (listener) => listener(event)));
    for (const result of results)
      if (result.status === 'rejected')
        this.logger.error({ err: result.reason as unknown, userId: event.userId }, 'a session-ended listener failed');
  }
}
