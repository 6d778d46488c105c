import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import type { LiveEvent, LiveSnapshot } from '@switchboard/shared/contracts';
import type { EslEvent } from '@switchboard/api/data-access-esl';
import { LiveState, type NodeSnapshot } from './live-state';

/** The live floor for the rest of the API: a snapshot on demand and a stream of typed changes. */
@Injectable()
export class LiveStateService {
  private readonly state = new LiveState();
  private readonly changes = new Subject<LiveEvent>();

  /** Every change, in order. The realtime gateway subscribes to this. */
  get events(): Observable<LiveEvent> {
    return this.changes.asObservable();
  }

  apply(event: EslEvent, callUuid: string | undefined, nodeId: string): void {
    for (const change of this.state.apply(event, callUuid, nodeId)) this.changes.next(change);
  }

  resync(snapshot: NodeSnapshot): void {
    for (const change of this.state.resync(snapshot, BigInt(Date.now()) * 1000n)) this.changes.next(change);
  }

  setNodeConnected(node: string, connected: boolean): void {
    this.changes.next(this.state.setNodeConnected(node, connected, new Date()));
  }

  snapshot(): LiveSnapshot {
    return this.state.snapshot(new Date());
  }
}
