// Which projects may import which (CONVENTIONS.md "Layout"), used by eslint.config.mjs and tested by
// module-boundaries.spec.ts. Every project carries one scope:* and one type:* tag.
const typeRules = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:ui', 'type:data-access', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:ui', 'type:data-access', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
];
// The API and the browser apps meet only in scope:shared.
const scopeRules = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
  { sourceTag: 'scope:telephony', onlyDependOnLibsWithTags: ['scope:telephony', 'scope:shared'] },
  { sourceTag: 'scope:agent', onlyDependOnLibsWithTags: ['scope:agent', 'scope:telephony', 'scope:shared'] },
  { sourceTag: 'scope:supervisor', onlyDependOnLibsWithTags: ['scope:supervisor', 'scope:telephony', 'scope:shared'] },
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
];

/** Options of the `@nx/enforce-module-boundaries` rule. */
module.exports = {
  enforceBuildableLibDependency: true,
  banTransitiveDependencies: true,
  depConstraints: [...typeRules, ...scopeRules],
};
