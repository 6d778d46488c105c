import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthStore } from '@switchboard/shared/data-access-auth';

/** The dashboard's start page. The live floor view arrives with the realtime feature; until then it says so. */
@Component({
  selector: 'sb-overview-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  templateUrl: './overview-page.html',
  styleUrl: './overview-page.css',
})
export class OverviewPage {
  private readonly auth = inject(AuthStore);
  protected readonly user = this.auth.user;
  protected readonly canReadUsers = computed(() => this.auth.hasPermission('users:read'));
  protected readonly canManageUsers = computed(() => this.auth.hasPermission('users:manage'));
}
