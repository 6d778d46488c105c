import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CallButtonDto,
  CreateCallButtonRequest,
  Page,
  QueueDto,
  UpdateCallButtonRequest,
} from '@switchboard/shared/contracts';
import { type Observable, map } from 'rxjs';

/** The call-button admin API (`/api/call-buttons`): reads need `calls:read`, writes `provisioning:manage`. */
@Injectable({ providedIn: 'root' })
export class CallButtonsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<CallButtonDto[]> {
    return this.http.get<CallButtonDto[]>('/api/call-buttons');
  }

  create(body: CreateCallButtonRequest): Observable<CallButtonDto> {
    return this.http.post<CallButtonDto>('/api/call-buttons', body);
  }

  update(id: string, body: UpdateCallButtonRequest): Observable<CallButtonDto> {
    return this.http.patch<CallButtonDto>(`/api/call-buttons/${encodeURIComponent(id)}`, body);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/call-buttons/${encodeURIComponent(id)}`);
  }

  /** The queues a button may call (the first 200 by name: contact centres have far fewer). */
  queues(): Observable<QueueDto[]> {
    const params = new HttpParams().set('page', 1).set('pageSize', 200);
    return this.http.get<Page<QueueDto>>('/api/queues', { params }).pipe(map((page) => page.items));
  }
}
