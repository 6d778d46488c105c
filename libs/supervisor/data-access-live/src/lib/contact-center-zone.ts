import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ReportSettings } from '@switchboard/shared/contracts';
import { type Observable, map, shareReplay } from 'rxjs';

/**
 * The contact center's IANA time zone (`GET /api/reports/settings`, from CONTACT_CENTER_TIME_ZONE): the floor's
 * "today" and the reports' days start at its midnight, wherever the supervisor's browser is. Asked once; a failed
 * answer is asked again by the next subscriber.
 */
@Injectable({ providedIn: 'root' })
export class ContactCenterZone {
  private readonly http = inject(HttpClient);

  readonly timeZone$: Observable<string> = this.http.get<ReportSettings>('/api/reports/settings').pipe(
    map((settings) => settings.timeZone),
    shareReplay(1),
  );
}
