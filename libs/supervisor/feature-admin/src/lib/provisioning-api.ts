import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Page, ProvisioningDeleteResult, Provisioned } from '@switchboard/shared/contracts';
import type { Observable } from 'rxjs';

/** The provisioning collections of the API (`/api/<path>`), plus users as a source of choices. */
export type ProvisioningPath = 'extensions' | 'agents' | 'queues' | 'tiers';

/** What a list request asks for. */
export interface ProvisioningQuery {
  search: string;
  page: number;
  pageSize: number;
}

/** CRUD over one provisioning collection. Reads need `calls:read`; writes `provisioning:manage` and answer `pbxSync`. */
@Injectable({ providedIn: 'root' })
export class ProvisioningApi {
  private readonly http = inject(HttpClient);

  /** One page of a collection, optionally searched (tiers ignore the search). */
  list<T>(path: ProvisioningPath | 'users', query: ProvisioningQuery): Observable<Page<T>> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    const search = query.search.trim();
    if (search && path !== 'tiers') params = params.set('search', search);
    return this.http.get<Page<T>>(`/api/${path}`, { params });
  }

  /** Creates a record; 400/409 carry field `details`. */
  create<T>(path: ProvisioningPath, body: unknown): Observable<Provisioned<T>> {
    return this.http.post<Provisioned<T>>(`/api/${path}`, body);
  }

  /** Changes a record; only the fields sent change. */
  update<T>(path: ProvisioningPath, id: string, body: unknown): Observable<Provisioned<T>> {
    return this.http.patch<Provisioned<T>>(`/api/${path}/${encodeURIComponent(id)}`, body);
  }

  /** Deletes a record (queues and agents take their tiers with them). */
  remove(path: ProvisioningPath, id: string): Observable<ProvisioningDeleteResult> {
    return this.http.delete<ProvisioningDeleteResult>(`/api/${path}/${encodeURIComponent(id)}`);
  }
}
