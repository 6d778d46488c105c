import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { AuthStore } from '@switchboard/shared/data-access-auth';
import { ROLE_LABELS } from '@switchboard/shared/ui-shell';

/** The agent's start page: who is signed in, and the softphone (not connected until the softphone feature lands). */
@Component({
  selector: 'sb-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './home-page.html',
  styleUrl: './home-page.css',
})
export class HomePage {
  protected readonly user = inject(AuthStore).user;
  protected readonly roleLabel = computed(() => {
    const user = this.user();
    return user ? ROLE_LABELS[user.role] : '';
  });
}
