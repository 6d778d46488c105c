import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { CallDetailDto } from '@switchboard/shared/contracts';
import { DirectoryNames } from '@switchboard/supervisor/data-access-live';

/** One call: who, where it queued, who answered, how long, how it ended, and its FreeSWITCH event timeline. */
@Component({
  selector: 'sb-call-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  templateUrl: './call-detail.html',
  styleUrl: './call-detail.css',
})
export class CallDetail {
  readonly call = input.required<CallDetailDto>();
  /** Queues and agents by the names admins gave them. */
  readonly names = input(new DirectoryNames());
  readonly closed = output<void>();

  protected seconds(value: number | null): string {
    return value === null ? '–' : `${value} s`;
  }

  protected summaryOf(summary: Readonly<Record<string, string>>): string {
    return Object.entries(summary)
      .map(([key, value]) => `${key}: ${value}`)
      .join(' · ');
  }
}
