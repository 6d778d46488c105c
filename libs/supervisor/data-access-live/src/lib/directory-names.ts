import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, type Signal, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { AgentDto, Page, QueueDto } from '@switchboard/shared/contracts';
import { type Observable, catchError, combineLatest, expand, map, of, reduce, switchMap, takeWhile, timer } from 'rxjs';

/** How a supervisor's screens name a mod_callcenter agent: the person, and the extension that rings. */
export interface AgentLabel {
  readonly displayName: string;
  readonly extension: string | null;
}

/** How a queue tile names a queue and when its longest wait turns red. */
export interface QueueLabel {
  readonly displayName: string;
  readonly serviceLevelSeconds: number;
}

/** mod_callcenter's queue name without its domain (`support@default` → `support`): the name the REST API uses. */
export function queueBaseName(queue: string): string {
  return queue.split('@', 1)[0] ?? queue;
}

/**
 * Names of the provisioned agents and queues. The live feed, the call records and the reports carry mod_callcenter's
 * names (`1001@switchboard.local`, `support@default`); supervisors read people and queues by what admins called
 * them. A name not provisioned (removed since, or not loaded yet) is shown as it came.
 */
export class DirectoryNames {
  constructor(
    private readonly agents: ReadonlyMap<string, AgentLabel> = new Map(),
    private readonly queues: ReadonlyMap<string, QueueLabel> = new Map(),
  ) {}

  agent(name: string): AgentLabel | undefined {
    return this.agents.get(name);
  }

  /** A queue by mod_callcenter's name, with or without its domain. */
  queue(name: string): QueueLabel | undefined {
    return this.queues.get(queueBaseName(name));
  }

  /** `Ava Thompson · 3001`, or the agent name itself when it is not provisioned. */
  agentText(name: string): string {
    const label = this.agents.get(name);
    if (!label) return name;
    return label.extension ? `${label.displayName} · ${label.extension}` : label.displayName;
  }

  /** `Support`, or the queue's name without domain when it is not provisioned. */
  queueText(name: string): string {
    return this.queue(name)?.displayName ?? queueBaseName(name);
  }
}

/** How often the names are read again, so an agent or queue an admin adds is named on screens that stay open. */
export const DIRECTORY_REFRESH_MS = 60_000;
const PAGE_SIZE = 200;
/** 50 pages of 200: far more agents than a contact center has; a bound, not a limit anyone meets. */
const MAX_PAGES = 50;

/** Every item of a paged list, page after page until `total` is reached. */
function allPages<T>(http: HttpClient, path: string): Observable<T[]> {
  const page = (n: number): Observable<Page<T> & { n: number }> =>
    http
      .get<Page<T>>(path, { params: new HttpParams().set('page', n).set('pageSize', PAGE_SIZE) })
      .pipe(map((body) => ({ ...body, n })));
  return page(1).pipe(
    expand((body) => (body.n * PAGE_SIZE < body.total && body.n < MAX_PAGES ? page(body.n + 1) : of())),
    takeWhile((body) => body.items.length > 0),
    reduce((items, body) => [...items, ...body.items], [] as T[]),
  );
}

/** Reads the provisioned agents' and queues' names (`GET /api/agents`, `GET /api/queues`, `calls:read`). */
@Injectable({ providedIn: 'root' })
export class DirectoryNamesApi {
  private readonly http = inject(HttpClient);

  load(): Observable<DirectoryNames> {
    return combineLatest([
      allPages<AgentDto>(this.http, '/api/agents'),
      allPages<QueueDto>(this.http, '/api/queues'),
    ]).pipe(
      map(
        ([agents, queues]) =>
          new DirectoryNames(
            new Map(agents.map((a) => [a.name, { displayName: a.displayName, extension: a.extensionNumber }])),
            new Map(
              queues.map((q) => [q.name, { displayName: q.displayName, serviceLevelSeconds: q.serviceLevelSeconds }]),
            ),
          ),
      ),
    );
  }
}

/**
 * The names, for a screen: read when it opens and every {@link DIRECTORY_REFRESH_MS} while it is open (reads stop
 * with the screen, so a signed-out browser asks nothing). A failed read keeps the names it had: the screen then
 * shows mod_callcenter's names, which are still true. Call it in an injection context (a component's field).
 */
export function injectDirectoryNames(): Signal<DirectoryNames> {
  const api = inject(DirectoryNamesApi);
  let last = new DirectoryNames();
  return toSignal(
    timer(0, DIRECTORY_REFRESH_MS).pipe(
      switchMap(() =>
        api.load().pipe(
          catchError(() => of(last)),
          map((names) => (last = names)),
        ),
      ),
    ),
    { initialValue: last },
  );
}
