import type { DestinationKind, OutboundClass } from '@switchboard/shared/contracts';

/** The number plan destinations are classified by (`DIAL_*` variables; README documents the defaults). */
export interface NumberPlan {
  /** Always allowed, whatever the extension's outbound class (`112`, `911`). */
  readonly emergencyNumbers: readonly string[];
  /** Never allowed. Matched against the number with a leading `+` written as the international prefix. */
  readonly premiumPrefixes: readonly string[];
  /** International access prefix (`00`); `+` means the same. */
  readonly internationalPrefix: string;
  /** National trunk prefix (`0`); empty when the plan has none. */
  readonly trunkPrefix: string;
}

/** The outbound class each dialable kind needs. Emergency needs none; premium and invalid are never dialled. */
const REQUIRED_CLASS: Readonly<Partial<Record<DestinationKind, OutboundClass>>> = {
  INTERNAL: 'INTERNAL',
  LOCAL: 'LOCAL',
  NATIONAL: 'NATIONAL',
  INTERNATIONAL: 'INTERNATIONAL',
};
const DESCRIPTION: Readonly<Record<'INTERNAL' | 'LOCAL' | 'NATIONAL' | 'INTERNATIONAL', string>> = {
  INTERNAL: 'an internal number',
  LOCAL: 'a local number',
  NATIONAL: 'a national number',
  INTERNATIONAL: 'an international number',
};
const RANK: Readonly<Record<OutboundClass, number>> = { INTERNAL: 1, LOCAL: 2, NATIONAL: 3, INTERNATIONAL: 4 };

/** The decision for one destination. */
export interface DialDecision {
  destination: string;
  kind: DestinationKind;
  allowed: boolean;
  requiredClass: OutboundClass | null;
  message: string;
}

/**
 * The destination as it would be dialled: surrounding blanks and the visual separators people type or paste
 * (spaces, dashes, dots, brackets, slashes) removed when what is left is a phone number. Anything else (an
 * extension such as `support.desk`) is returned trimmed, unchanged.
 */
export function normalizeDestination(raw: string): string {
  const trimmed = raw.trim();
  const compact = trimmed.replace(/[\s\-().\\/]/g, '');
  return /^\+?[0-9*#]+$/.test(compact) ? compact : trimmed;
}

/**
 * Classifies a normalized destination. `isInternal` says whether it is a provisioned extension or queue number
 * (the caller looks that up, as the dialplan's `user_exists` does). The order mirrors `freeswitch/dialplan/default.xml`:
 * emergency first, then internal numbers, then outbound by prefix. Premium-rate numbers are recognised before the
 * national/international rules so that a premium number never passes as an ordinary one.
 */
export function classifyDestination(destination: string, plan: NumberPlan, isInternal: boolean): DestinationKind {
  if (plan.emergencyNumbers.includes(destination)) return 'EMERGENCY';
  if (isInternal) return 'INTERNAL';
  if (!/^\+?[0-9]+$/.test(destination)) return 'INVALID';
  const international = internationalDigits(destination, plan.internationalPrefix);
  const dialled = international === undefined ? destination : `${plan.internationalPrefix}${international}`;
  if (plan.premiumPrefixes.some((prefix) => dialled.startsWith(prefix))) return 'PREMIUM';
  if (international !== undefined) return /^[1-9][0-9]{6,14}$/.test(international) ? 'INTERNATIONAL' : 'INVALID';
  if (plan.trunkPrefix) {
    if (destination.startsWith(plan.trunkPrefix)) {
      return /^[1-9][0-9]{5,13}$/.test(destination.slice(plan.trunkPrefix.length)) ? 'NATIONAL' : 'INVALID';
    }
    return /^[2-9][0-9]{5,7}$/.test(destination) ? 'LOCAL' : 'INVALID';
  }
  // Without a trunk prefix (closed plans such as +1): subscriber numbers are local, longer ones national.
  if (/^[2-9][0-9]{5,7}$/.test(destination)) return 'LOCAL';
  return /^[1-9][0-9]{8,14}$/.test(destination) ? 'NATIONAL' : 'INVALID';
}

/** Digits after `+` or the international prefix, or undefined for a number without either. */
function internationalDigits(destination: string, internationalPrefix: string): string | undefined {
  if (destination.startsWith('+')) return destination.slice(1);
  if (internationalPrefix && destination.startsWith(internationalPrefix))
    return destination.slice(internationalPrefix.length);
  return undefined;
}

/**
 * Whether an extension of `outboundClass` may call `raw`: the one outbound check of the API. Each class includes
 * the narrower ones (INTERNAL < LOCAL < NATIONAL < INTERNATIONAL), like the `toll_allow` the directory sets.
 */
export function decideDial(
  raw: string,
  plan: NumberPlan,
  outboundClass: OutboundClass,
  isInternal: boolean,
): DialDecision {
  const destination = normalizeDestination(raw);
  const kind = classifyDestination(destination, plan, isInternal);
  const requiredClass = REQUIRED_CLASS[kind] ?? null;
  switch (kind) {
    case 'EMERGENCY':
      return {
        destination,
        kind,
        allowed: true,
        requiredClass,
        message: `${destination} is an emergency number: always allowed.`,
      };
    case 'PREMIUM':
      return {
        destination,
        kind,
        allowed: false,
        requiredClass,
        message: `${destination} is a premium-rate number: calls to it are not allowed.`,
      };
    case 'INVALID':
      return {
        destination,
        kind,
        allowed: false,
        requiredClass,
        message: `${destination} is neither an extension nor a phone number this system can dial.`,
      };
    case 'INTERNAL':
    case 'LOCAL':
    case 'NATIONAL':
    case 'INTERNATIONAL': {
      const needed = REQUIRED_CLASS[kind] ?? 'INTERNATIONAL';
      const allowed = RANK[outboundClass] >= RANK[needed];
      const what = DESCRIPTION[kind];
      const message = allowed
        ? `${destination} is ${what}: allowed.`
        : `${destination} is ${what}; your extension may only call ${describeReach(outboundClass)}.`;
      return { destination, kind, allowed, requiredClass: needed, message };
    }
  }
}

function describeReach(outboundClass: OutboundClass): string {
  switch (outboundClass) {
    case 'INTERNAL':
      return 'internal and emergency numbers';
    case 'LOCAL':
      return 'internal, local and emergency numbers';
    case 'NATIONAL':
      return 'internal, local, national and emergency numbers';
    case 'INTERNATIONAL':
      return 'any number except premium-rate';
  }
}
