import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateUserRequest, Page, Role, UpdateUserRequest, UserDto } from '@switchboard/shared/contracts';
import type { Observable } from 'rxjs';

/** What the users list shows: a search, a role filter, and one page. */
export interface UsersQuery {
  search: string;
  role: Role | null;
  page: number;
  pageSize: number;
}

/** The users endpoints of the API. */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  /** One page of users matching the search (email or name) and role. Needs `users:read`. */
  list(query: UsersQuery): Observable<Page<UserDto>> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    const search = query.search.trim();
    if (search) params = params.set('search', search);
    if (query.role) params = params.set('role', query.role);
    return this.http.get<Page<UserDto>>('/api/users', { params });
  }

  /** Creates a user. Needs `users:manage`; 409 when the email is taken, 400 with field details when invalid. */
  create(body: CreateUserRequest): Observable<UserDto> {
    return this.http.post<UserDto>('/api/users', body);
  }

  /** Changes a user. Needs `users:manage`; 409 when an admin would disable or demote themself. */
  update(id: string, body: UpdateUserRequest): Observable<UserDto> {
    return this.http.patch<UserDto>(`/api/users/${encodeURIComponent(id)}`, body);
  }
}
